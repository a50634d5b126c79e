package dev.baton.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.Adler32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Deflates short, repetitive texts (stored events, flow logs) in zlib format with a preset dictionary of their
 * common text, so that even a few hundred bytes shrink by half or more; PostgreSQL compresses only values of ~2 kB
 * and more. The zlib header names the dictionary by its Adler-32 checksum (DICTID), so a new dictionary can be added
 * while values deflated with an older one stay readable: {@link #inflate} is given every known dictionary.
 */
public final class PresetDictionaryDeflate {
    private final byte[] dictionary;
    private final Map<Integer, byte[]> known;

    /**
     * @param dictionaries every dictionary that stored values may name; the first is used to deflate new values
     */
    public PresetDictionaryDeflate(List<byte[]> dictionaries) {
        if (dictionaries.isEmpty()) {
            throw new IllegalArgumentException("Expected at least one dictionary, but none was given");
        }
        this.dictionary = dictionaries.get(0).clone();
        this.known = dictionaries.stream().map(byte[]::clone)
                .collect(Collectors.toUnmodifiableMap(PresetDictionaryDeflate::adler32, Function.identity()));
    }

    /** The dictionaries, each a class-path resource next to {@code anchor}, newest first. */
    public static PresetDictionaryDeflate ofResources(Class<?> anchor, String... names) {
        return new PresetDictionaryDeflate(Arrays.stream(names).map(name -> resource(anchor, name)).toList());
    }

    /** True if {@code value} starts like a zlib stream with a preset dictionary (and so cannot be JSON text). */
    public static boolean isDeflated(byte[] value) {
        return value.length >= 6 && (value[0] & 0x0f) == 8 && (value[1] & 0x20) != 0
                && (((value[0] & 0xff) << 8) | (value[1] & 0xff)) % 31 == 0;
    }

    public byte[] deflate(byte[] plain) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setDictionary(dictionary);
            deflater.setInput(plain);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2 + 64);
            byte[] buffer = new byte[2048];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /**
     * The text {@code deflated} holds; {@code what} names it in errors ("flow log", "event payload").
     *
     * @throws IllegalStateException if it is not a complete zlib stream with one of the known dictionaries
     */
    public byte[] inflate(byte[] deflated, String what) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream(deflated.length * 4);
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsDictionary()) {
                    byte[] named = known.get(inflater.getAdler());
                    if (named == null) {
                        throw new IllegalStateException("Expected a " + what + " deflated with a known dictionary, but"
                                + " it names dictionary " + Integer.toHexString(inflater.getAdler()));
                    }
                    inflater.setDictionary(named);
                } else if (n == 0 && inflater.needsInput()) {
                    throw new IllegalStateException("Truncated " + what + " (" + deflated.length + " bytes)");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("Unreadable " + what + ": " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static byte[] resource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name + " next to " + anchor.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int adler32(byte[] bytes) {
        Adler32 adler = new Adler32();
        adler.update(bytes);
        return (int) adler.getValue();
    }
}
