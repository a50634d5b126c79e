package dev.baton.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scale-out load's figures per fixed interval (5 s by default) of wall time: tickets finished and abandoned,
 * commands accepted, failed attempts by kind (status, {@code timeout}, {@code refused}), retries, and the median and
 * p99 command latency (first attempt sent to accepted answer, retries included) of the commands accepted in the
 * interval. Thread-safe (one lock; a few thousand calls a second).
 *
 * <p>Events (a broker killed, a node restarted) are lines {@code <epoch-ms> <label>} in a file written by whoever
 * causes them, or given on the command line; for each, {@link #recoveries} compares the command rate after it with
 * the median rate of the intervals before it.
 */
final class Timeline {
    /** Below this share of the median rate before an event, the rate has dipped; at or above it, it is back. */
    static final double BACK = 0.9;

    static final class Interval {
        final int index;
        long ticketsFinished;
        long ticketsAbandoned;
        long commandsOk;
        long replayed;
        long retries;
        long readsOk;
        long readsRetried;
        final Map<String, Long> failed = new TreeMap<>();
        final Histogram latency = new Histogram(1, 600_000_000L, 3);

        Interval(int index) {
            this.index = index;
        }
    }

    /** Something that happened during the run, at {@code epochMillis}. */
    record Event(long epochMillis, String label) {
    }

    private final long startNanos;
    private final long startEpochMillis;
    private final long lengthNanos;
    private final List<Interval> intervals = new ArrayList<>();
    private volatile long loadEndNanos = Long.MAX_VALUE;

    Timeline(int intervalSeconds) {
        this.startNanos = System.nanoTime();
        this.startEpochMillis = System.currentTimeMillis();
        this.lengthNanos = intervalSeconds * 1_000_000_000L;
    }

    long startNanos() {
        return startNanos;
    }

    long startEpochMillis() {
        return startEpochMillis;
    }

    double intervalSeconds() {
        return lengthNanos / 1e9;
    }

    /** The load stops starting tickets here; later intervals only finish the tickets under way. */
    void loadEnds(long nanos) {
        loadEndNanos = nanos;
    }

    private Interval at(long nanos) {
        int i = (int) Math.max(0, (nanos - startNanos) / lengthNanos);
        while (intervals.size() <= i) {
            intervals.add(new Interval(intervals.size()));
        }
        return intervals.get(i);
    }

    synchronized void commandOk(long doneNanos, long micros, boolean replayed) {
        Interval in = at(doneNanos);
        in.commandsOk++;
        if (replayed) {
            in.replayed++;
        }
        in.latency.recordValue(Math.max(1, Math.min(600_000_000L, micros)));
    }

    synchronized void attemptFailed(long doneNanos, String kind) {
        at(doneNanos).failed.merge(kind, 1L, Long::sum);
    }

    synchronized void retry(long nanos) {
        at(nanos).retries++;
    }

    synchronized void readOk(long doneNanos) {
        at(doneNanos).readsOk++;
    }

    synchronized void readRetried(long nanos) {
        at(nanos).readsRetried++;
    }

    synchronized void ticketEnded(long nanos, boolean finished) {
        Interval in = at(nanos);
        if (finished) {
            in.ticketsFinished++;
        } else {
            in.ticketsAbandoned++;
        }
    }

    /** The interval's line (labelled with its end, in seconds after the start). */
    synchronized String line(int index) {
        if (index >= intervals.size()) {
            at(startNanos + index * lengthNanos);
        }
        Interval in = intervals.get(index);
        double s = intervalSeconds();
        String failed = in.failed.isEmpty() ? "-" : in.failed.entrySet().stream()
                .map(e -> e.getKey().replace(' ', '/') + ":" + e.getValue()).reduce((a, b) -> a + " " + b).orElse("-");
        String tail = startNanos + (index + 1) * lengthNanos > loadEndNanos ? "  (load ended)" : "";
        return String.format(Locale.ROOT,
                "  [%5.0f s] tickets %4d (%5.1f/s)%s  commands ok %5d (%6.1f/s)  p50 %7.1f ms  p99 %7.1f ms  retries %3d  failed %s%s",
                (index + 1) * s, in.ticketsFinished, in.ticketsFinished / s,
                in.ticketsAbandoned > 0 ? " abandoned " + in.ticketsAbandoned : "", in.commandsOk, in.commandsOk / s,
                ms(in.latency.getValueAtPercentile(50), in), ms(in.latency.getValueAtPercentile(99), in), in.retries,
                failed, tail);
    }

    private static double ms(long micros, Interval in) {
        return in.latency.getTotalCount() == 0 ? 0 : micros / 1000.0;
    }

    synchronized int size() {
        return intervals.size();
    }

    /** Every interval, as the RESULT line's array. */
    synchronized List<Map<String, Object>> json() {
        List<Map<String, Object>> all = new ArrayList<>();
        double s = intervalSeconds();
        for (Interval in : intervals) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", Latencies.round(in.index * s));
            m.put("to", Latencies.round((in.index + 1) * s));
            m.put("load", startNanos + (in.index + 1) * lengthNanos <= loadEndNanos);
            m.put("ticketsFinished", in.ticketsFinished);
            m.put("ticketsAbandoned", in.ticketsAbandoned);
            m.put("commandsOk", in.commandsOk);
            m.put("commandsPerSecond", Latencies.round(in.commandsOk / s));
            m.put("replayed", in.replayed);
            m.put("retries", in.retries);
            m.put("readsOk", in.readsOk);
            m.put("readsRetried", in.readsRetried);
            m.put("failed", new TreeMap<>(in.failed));
            m.put("p50Ms", Latencies.round(ms(in.latency.getValueAtPercentile(50), in)));
            m.put("p99Ms", Latencies.round(ms(in.latency.getValueAtPercentile(99), in)));
            all.add(m);
        }
        return all;
    }

    /** Events from a file of lines {@code <epoch-ms> <label>} ('#' starts a comment); none when it does not exist. */
    static List<Event> readEvents(Path file) {
        List<Event> events = new ArrayList<>();
        if (file == null || !Files.exists(file)) {
            return events;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] parts = t.split("\\s+", 2);
                try {
                    events.add(new Event(Long.parseLong(parts[0]), parts.length > 1 ? parts[1] : "event"));
                } catch (NumberFormatException e) {
                    // a line being written, or not an event: skipped
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the events file " + file + ": " + e.getMessage(), e);
        }
        return events;
    }

    /**
     * Events given as {@code <epoch-ms>[=label]} or {@code +<seconds>[=label]} (seconds after the load began).
     */
    Event mark(String spec) {
        int eq = spec.indexOf('=');
        String at = eq < 0 ? spec : spec.substring(0, eq);
        String label = eq < 0 ? "mark" : spec.substring(eq + 1);
        long millis = at.startsWith("+") ? startEpochMillis + Math.round(Double.parseDouble(at.substring(1)) * 1000)
                : Long.parseLong(at);
        return new Event(millis, label);
    }

    /** Seconds after the load began. */
    double offset(Event e) {
        return (e.epochMillis() - startEpochMillis) / 1000.0;
    }

    /**
     * For each event during the load, in time order: the baseline, the median command rate of the whole intervals
     * before it that no earlier event disturbed (from that event's interval until its rate was back); the dip, the
     * lowest interval rate from the event until the rate is back, over the baseline; and the recovery, the first
     * interval, after the rate fell below 90 % of the baseline, that is back at 90 % or more: the time from the event
     * to that interval's start. So for a kill and a later restart, the restart is measured against the rate before
     * the kill. Only the intervals of the load count (not those that finish the tickets under way).
     */
    synchronized List<Map<String, Object>> recoveries(List<Event> events, PrintStream out) {
        List<Map<String, Object>> all = new ArrayList<>();
        double s = intervalSeconds();
        List<Interval> load = new ArrayList<>();
        for (Interval in : intervals) {
            if (startNanos + (in.index + 1) * lengthNanos <= loadEndNanos) {
                load.add(in);
            }
        }
        // the last whole interval of the load runs down (no ticket starts in its last moments): not a dip
        if (load.size() > 1) {
            load.remove(load.size() - 1);
        }
        boolean[] disturbed = new boolean[load.size()];
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(Event::epochMillis));
        for (Event e : sorted) {
            double t = offset(e);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", e.label());
            m.put("epochMillis", e.epochMillis());
            m.put("atSeconds", Latencies.round(t));
            List<Double> before = new ArrayList<>();
            List<Interval> after = new ArrayList<>();
            for (Interval in : load) {
                if ((in.index + 1) * s <= t) {
                    if (!disturbed[in.index]) {
                        before.add(in.commandsOk / s);
                    }
                } else {
                    after.add(in);
                }
            }
            if (before.isEmpty() || after.isEmpty()) {
                m.put("note", before.isEmpty() ? "no undisturbed whole interval of load before the event" : "after the load");
                out.printf(Locale.ROOT, "  event '%s' at %.1f s: %s%n", e.label(), t, m.get("note"));
                all.add(m);
                continue;
            }
            before.sort(Double::compare);
            int n = before.size();
            double baseline = n % 2 == 1 ? before.get(n / 2) : (before.get(n / 2 - 1) + before.get(n / 2)) / 2;
            m.put("baselineCommandsPerSecond", Latencies.round(baseline));
            m.put("baselineIntervals", n);
            int dipStart = -1;
            for (int i = 0; i < after.size(); i++) {
                if (after.get(i).commandsOk / s < BACK * baseline) {
                    dipStart = i;
                    break;
                }
            }
            if (dipStart < 0 || baseline == 0) {
                double min = after.stream().mapToDouble(in -> in.commandsOk / s).min().orElse(0);
                m.put("dip", Latencies.round(baseline == 0 ? 1 : min / baseline));
                m.put("recoverySeconds", 0.0);
                m.put("note", "never below 90 % of the baseline");
                out.printf(Locale.ROOT, "  event '%s' at %.1f s: baseline %.1f commands/s; never below 90 %% (lowest %.0f %%)%n",
                        e.label(), t, baseline, 100 * min / Math.max(1e-9, baseline));
                all.add(m);
                continue;
            }
            double min = Double.MAX_VALUE;
            Interval back = null;
            for (int i = dipStart; i < after.size(); i++) {
                double rate = after.get(i).commandsOk / s;
                if (rate >= BACK * baseline) {
                    back = after.get(i);
                    break;
                }
                min = Math.min(min, rate);
            }
            int firstAfter = after.get(0).index;
            int backIndex = back == null ? load.size() : back.index;
            for (int i = firstAfter; i < backIndex; i++) {
                disturbed[i] = true;
            }
            m.put("dip", Latencies.round(min / baseline));
            m.put("dipFromSeconds", Latencies.round(after.get(dipStart).index * s));
            if (back == null) {
                m.put("recoverySeconds", null);
                m.put("note", "not back to 90 % before the load ended");
                out.printf(Locale.ROOT, "  event '%s' at %.1f s: baseline %.1f commands/s; dip to %.0f %%; NOT back to 90 %% before the load ended%n",
                        e.label(), t, baseline, 100 * min / baseline);
            } else {
                double recovery = Math.max(0, back.index * s - t);
                m.put("recoverySeconds", Latencies.round(recovery));
                m.put("backAtSeconds", Latencies.round(back.index * s));
                out.printf(Locale.ROOT, "  event '%s' at %.1f s: baseline %.1f commands/s; dip to %.0f %% of it; back to >= 90 %% %.0f s after the event (interval from %.0f s)%n",
                        e.label(), t, baseline, 100 * min / baseline, recovery, back.index * s);
            }
            all.add(m);
        }
        return all;
    }
}
