package dev.baton.api.trace;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent} (version 00): the trace a request or message belongs to, the span that sent
 * it, and whether the trace is sampled. Baton carries it from the HTTP call that sent a command through the stored
 * events, the Kafka records' {@value #HEADER} header and the worker roles' rows to every hook call, webhook and
 * command a worker sends back, each hop as a child span of the one before.
 *
 * @param traceId  32 lower-case hex digits, not all zero
 * @param parentId 16 lower-case hex digits, not all zero: the span that sent it
 * @param flags    the trace flags; bit 0 is "sampled"
 */
public record TraceParent(String traceId, String parentId, int flags) {
    /** The header and metadata key, in HTTP, in Kafka records and in stored events' metadata. */
    public static final String HEADER = "traceparent";
    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    public TraceParent {
        if (traceId == null || !traceId.matches("[0-9a-f]{32}") || traceId.equals(ZERO_TRACE)) {
            throw new IllegalArgumentException("Expected a trace id of 32 lower-case hex digits, not all zero, but got "
                    + traceId);
        }
        if (parentId == null || !parentId.matches("[0-9a-f]{16}") || parentId.equals(ZERO_SPAN)) {
            throw new IllegalArgumentException("Expected a parent id of 16 lower-case hex digits, not all zero, but got "
                    + parentId);
        }
        if (flags < 0 || flags > 0xff) {
            throw new IllegalArgumentException("Expected trace flags of 0 to 255, but got " + flags);
        }
    }

    /**
     * The value of a {@code traceparent} header, or nothing when it is absent or not a valid version-00 value (an
     * invalid one is ignored, as the W3C recommendation says: the receiver starts a trace of its own).
     */
    public static Optional<TraceParent> parse(String header) {
        if (header == null || header.length() != 55) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(header);
        if (!matcher.matches() || matcher.group(1).equals(ZERO_TRACE) || matcher.group(2).equals(ZERO_SPAN)) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(matcher.group(1), matcher.group(2), Integer.parseInt(matcher.group(3), 16)));
    }

    /** The same trace with a new span of this hop as the parent. */
    public TraceParent child() {
        return new TraceParent(traceId, newSpanId(), flags);
    }

    public boolean sampled() {
        return (flags & 1) == 1;
    }

    /** The header's value: {@code 00-<trace id>-<parent id>-<flags>}. */
    @Override
    public String toString() {
        return "00-" + traceId + "-" + parentId + "-" + HexFormat.of().toHexDigits((byte) flags);
    }

    private static String newSpanId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return HexFormat.of().toHexDigits(id);
    }
}
