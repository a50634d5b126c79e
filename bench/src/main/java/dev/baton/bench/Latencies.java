package dev.baton.bench;

import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Named latency histograms in microseconds (1 µs .. 120 s, 3 significant digits). Not thread-safe: one per thread, merged. */
final class Latencies {
    private static final long HIGHEST = 120_000_000L;
    private final Map<String, Histogram> byName = new TreeMap<>();

    Histogram of(String name) {
        return byName.computeIfAbsent(name, n -> new Histogram(1, HIGHEST, 3));
    }

    /** An accepted command of the reference flow: a create, or a handle recorded also under its step. */
    void command(String step, long micros) {
        if (step.equals("create")) {
            record("create", micros);
        } else {
            record("handle", micros);
            record("handle:" + step, micros);
        }
    }

    void record(String name, long micros) {
        of(name).recordValue(Math.max(1, Math.min(HIGHEST, micros)));
    }

    void add(Latencies other) {
        other.byName.forEach((name, h) -> of(name).add(h));
    }

    Map<String, Histogram> all() {
        return byName;
    }

    static String header() {
        return String.format(Locale.ROOT, "  %-22s %9s %9s %9s %9s %9s %9s", "operation", "count", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "mean ms");
    }

    static String row(String name, Histogram h) {
        return String.format(Locale.ROOT, "  %-22s %9d %9.2f %9.2f %9.2f %9.2f %9.2f", name, h.getTotalCount(),
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)),
                ms(h.getMaxValue()), h.getMean() / 1000.0);
    }

    void print(java.io.PrintStream out) {
        out.println(header());
        byName.forEach((name, h) -> {
            if (h.getTotalCount() > 0) {
                out.println(row(name, h));
            }
        });
    }

    /** {"name":{"count":..,"p50":..,...}} in milliseconds, for the machine-readable result line. */
    Map<String, Map<String, Object>> summary() {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        byName.forEach((name, h) -> {
            if (h.getTotalCount() > 0) {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("count", h.getTotalCount());
                m.put("p50", round(ms(h.getValueAtPercentile(50))));
                m.put("p95", round(ms(h.getValueAtPercentile(95))));
                m.put("p99", round(ms(h.getValueAtPercentile(99))));
                m.put("max", round(ms(h.getMaxValue())));
                m.put("mean", round(h.getMean() / 1000.0));
                out.put(name, m);
            }
        });
        return out;
    }

    static double ms(long micros) {
        return micros / 1000.0;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
