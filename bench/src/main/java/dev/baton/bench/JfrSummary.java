package dev.baton.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Summarises the CPU samples (jdk.ExecutionSample) of a JFR recording: by thread (digits folded), by top frame, and
 * inclusively by library (a sample counts for every library on its stack), so one sees where a service spends CPU.
 */
final class JfrSummary {
    /** Library buckets, matched as class-name prefixes, in this order. */
    static final Map<String, List<String>> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("baton", List.of("dev.baton."));
        LIBRARIES.put("axon", List.of("org.axonframework."));
        LIBRARIES.put("kafka (client+broker)", List.of("org.apache.kafka.", "kafka.", "org.springframework.kafka."));
        LIBRARIES.put("postgres jdbc", List.of("org.postgresql."));
        LIBRARIES.put("r2dbc postgres", List.of("io.r2dbc."));
        LIBRARIES.put("hikari", List.of("com.zaxxer.hikari."));
        LIBRARIES.put("netty/reactor", List.of("io.netty.", "reactor."));
        LIBRARIES.put("spring web", List.of("org.springframework.web.", "org.springframework.http."));
        LIBRARIES.put("jackson", List.of("com.fasterxml.jackson."));
        LIBRARIES.put("micrometer", List.of("io.micrometer."));
        LIBRARIES.put("logging", List.of("ch.qos.logback.", "org.slf4j.", "org.apache.logging."));
        LIBRARIES.put("jdk crypto/security", List.of("sun.security.", "com.sun.crypto.", "javax.crypto.", "java.security."));
        LIBRARIES.put("jdk compression", List.of("java.util.zip.", "com.github.luben.", "org.xerial.snappy.", "net.jpountz."));
    }

    static void print(Path file, int top, PrintStream out) throws IOException {
        Map<String, Long> byThread = new HashMap<>();
        Map<String, Long> byFrame = new HashMap<>();
        Map<String, Long> byLibrary = new LinkedHashMap<>();
        Map<String, Long> byBatonFrame = new HashMap<>();
        Map<String, Long> byService = new HashMap<>();
        long total = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                total++;
                String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
                byThread.merge(thread == null ? "?" : thread.replaceAll("[0-9]+", "#"), 1L, Long::sum);
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                List<RecordedFrame> frames = stack.getFrames();
                byFrame.merge(name(frames.get(0)), 1L, Long::sum);
                Set<String> libs = new HashSet<>();
                String firstBaton = null;
                for (RecordedFrame f : frames) {
                    String type = f.getMethod().getType().getName();
                    for (Map.Entry<String, List<String>> lib : LIBRARIES.entrySet()) {
                        for (String prefix : lib.getValue()) {
                            if (type.startsWith(prefix)) {
                                libs.add(lib.getKey());
                            }
                        }
                    }
                    if (firstBaton == null && type.startsWith("dev.baton.")) {
                        firstBaton = name(f);
                    }
                }
                libs.forEach(l -> byLibrary.merge(l, 1L, Long::sum));
                if (firstBaton != null) {
                    byBatonFrame.merge(firstBaton, 1L, Long::sum);
                }
                byService.merge(service(firstBaton, thread, libs), 1L, Long::sum);
            }
        }
        out.printf("%d CPU samples in %s%n", total, file.getFileName());
        section(out, "by thread", byThread, total, top);
        section(out, "by top frame (self)", byFrame, total, top);
        section(out, "by library on the stack (inclusive; a sample can count for several)", byLibrary, total, 50);
        section(out, "by innermost Baton frame (inclusive)", byBatonFrame, total, top);
        section(out, "by service (package of the innermost Baton frame; else thread or library)", byService, total, top);
    }

    /** Which part of the standalone JVM a sample belongs to. */
    static String service(String batonFrame, String thread, Set<String> libs) {
        if (batonFrame != null) {
            String[] p = batonFrame.split("\\.");
            return p.length > 3 ? "baton " + p[2] + (p[2].equals("support") ? "." + p[3] : "") : "baton";
        }
        String t = thread == null ? "" : thread;
        if (t.startsWith("data-plane-kafka") || t.startsWith("kafka-") && !t.startsWith("kafka-producer")
                || t.startsWith("broker-") || t.startsWith("controller-") || t.startsWith("quorum")
                || t.startsWith("ExpirationReaper") || t.startsWith("executor-")) {
            return "kafka broker";
        }
        if (t.startsWith("EventProcessor[kafka-relay]") || t.startsWith("EmbeddedEventStore")) {
            return "baton command (relay / event store tailing)";
        }
        if (t.startsWith("kafka-producer")) {
            return "kafka producer (relay)";
        }
        if (libs.contains("kafka (client+broker)")) {
            return "kafka clients";
        }
        if (t.startsWith("reactor-http")) {
            return "http server (no Baton frame)";
        }
        if (t.startsWith("reactor-tcp")) {
            return "r2dbc i/o (no Baton frame)";
        }
        if (libs.contains("axon")) {
            return "axon (stack truncated: command handling)";
        }
        return "other: " + t.replaceAll("[0-9]+", "#");
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void section(PrintStream out, String title, Map<String, Long> counts, long total, int top) {
        out.println(title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total),
                        e.getKey()));
    }
}
