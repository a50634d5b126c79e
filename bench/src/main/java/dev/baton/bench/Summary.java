package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Medians over repeats: reads RESULT lines (--out files), groups them by label without its trailing " r<N>", and
 * prints one Markdown table row per group (median and, in brackets, the range when there are several runs).
 * "incl. catch-up" divides the finished tickets by the run's time plus the time relay and projection then needed to
 * catch up (flow runs with --jdbc-url): the rate the whole system, asynchronous side included, sustained.
 */
final class Summary {
    static void print(Path file, PrintStream out) throws IOException {
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = Http.JSON.readTree(line.startsWith("RESULT ") ? line.substring(7) : line);
            String label = n.path("label").asText().replaceFirst("\\s+r\\d+$", "");
            groups.computeIfAbsent(n.path("mode").asText() + "|" + label, k -> new ArrayList<>()).add(n);
        }
        out.println("| run | n | tickets/s | incl. catch-up | create p50/p95/p99 ms | todo p50/p95/p99 ms | handle p50/p95/p99 ms | lag p50/p95/p99/max ms | CPU cores: driver / app / PG / other (busy) |");
        out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Map.Entry<String, List<JsonNode>> g : groups.entrySet()) {
            List<JsonNode> runs = g.getValue();
            String mode = g.getKey().split("\\|", 2)[0];
            String label = g.getKey().split("\\|", 2)[1];
            if (mode.equals("flow")) {
                out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s |%n", label, runs.size(),
                        med(runs, n -> n.path("ticketsPerSecond").asDouble()),
                        med(runs, n -> n.path("finished").asDouble()
                                / (n.path("seconds").asDouble() + n.path("drainSeconds").asDouble())),
                        pct(runs, "latency", "create"), pct(runs, "latency", "todo"), pct(runs, "latency", "handle"),
                        runs.get(0).path("lag").has("all") ? pct(runs, "lag", "all") + " / "
                                + med(runs, n -> n.path("lag").path("all").path("max").asDouble()) : "-",
                        cpu(runs));
            } else if (mode.equals("todo")) {
                out.printf(Locale.ROOT, "| %s (todo) | %d | %s req/s | | | %s | | | |%n", label, runs.size(),
                        med(runs, n -> n.path("perSecond").asDouble()), pct(runs, "latency", "todo"));
            }
        }
        for (Map.Entry<String, List<JsonNode>> g : groups.entrySet()) {
            if (g.getKey().startsWith("storage|") || g.getKey().startsWith("rss|") || g.getKey().startsWith("build|")) {
                for (JsonNode n : g.getValue()) {
                    out.println(g.getKey() + ": " + n);
                }
            }
        }
    }

    private static String pct(List<JsonNode> runs, String section, String name) {
        return med(runs, n -> n.path(section).path(name).path("p50").asDouble()) + " / "
                + med(runs, n -> n.path(section).path(name).path("p95").asDouble()) + " / "
                + med(runs, n -> n.path(section).path(name).path("p99").asDouble());
    }

    private static String cpu(List<JsonNode> runs) {
        JsonNode c = runs.get(0).path("cpu");
        if (c.isMissingNode() || c.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        String app = "";
        List<String> apps = new ArrayList<>();
        c.fieldNames().forEachRemaining(f -> {
            if (!f.equals("driver") && !f.equals("postgres") && !f.equals("other") && !f.equals("machine-busy-cores")) {
                apps.add(f);
            }
        });
        parts.add(med(runs, n -> n.path("cpu").path("driver").asDouble()));
        parts.add(med(runs, n -> apps.stream().mapToDouble(a -> n.path("cpu").path(a).asDouble()).sum()));
        parts.add(med(runs, n -> n.path("cpu").path("postgres").asDouble()));
        parts.add(med(runs, n -> n.path("cpu").path("other").asDouble()));
        return String.join(" / ", parts) + " (" + med(runs, n -> n.path("cpu").path("machine-busy-cores").asDouble()) + ")" + app;
    }

    private static String med(List<JsonNode> runs, Function<JsonNode, Double> value) {
        double[] v = runs.stream().mapToDouble(value::apply).sorted().toArray();
        double m = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        String s = fmt(m);
        if (v.length > 1 && v[0] != v[v.length - 1]) {
            s += " (" + fmt(v[0]) + "–" + fmt(v[v.length - 1]) + ")";
        }
        return s;
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
