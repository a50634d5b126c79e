package dev.baton.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the CPU went during a phase (Linux /proc): the whole machine, and named groups of processes. A group is
 * given as {@code name=substring}; a process belongs to the first group whose substring occurs in its command line
 * or in one of its ancestors' (so a PostgreSQL postmaster takes its backends along). The driver itself is always a
 * group. Optionally the threads of one group's processes are broken down by (normalised) thread name.
 */
final class CpuWatch {
    private final Map<String, String> groups = new LinkedHashMap<>();
    private final String threadsOf;
    private final double ticksPerSecond;
    private Snapshot start;

    CpuWatch(List<String> specs, String threadsOf) {
        groups.put("driver", null);
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--cpu-group expects name=substring, got " + spec);
            }
            groups.put(spec.substring(0, eq), spec.substring(eq + 1));
        }
        this.threadsOf = threadsOf;
        this.ticksPerSecond = clockTicks();
    }

    boolean available() {
        return Files.isDirectory(Path.of("/proc/self/task"));
    }

    void begin() {
        if (available()) {
            start = snapshot();
        }
    }

    /** Prints the split since {@link #begin()} and returns cores used per group (and "machine", "machine-busy"). */
    Map<String, Double> end(PrintStream out) {
        Map<String, Double> result = new LinkedHashMap<>();
        if (start == null) {
            return result;
        }
        Snapshot end = snapshot();
        double seconds = (end.nanos - start.nanos) / 1e9;
        long cpus = Runtime.getRuntime().availableProcessors();
        double machineBusy = (end.machineBusy - start.machineBusy) / ticksPerSecond / seconds;
        double machineAll = (end.machineAll - start.machineAll) / ticksPerSecond / seconds;
        Map<String, Long> perGroup = new LinkedHashMap<>();
        groups.keySet().forEach(g -> perGroup.put(g, 0L));
        perGroup.put("other", 0L);
        Map<String, Long> threads = new HashMap<>();
        for (Proc p : end.procs.values()) {
            Proc before = start.procs.get(p.pid);
            long delta = p.ticks - (before == null || before.started != p.started ? 0 : before.ticks);
            String g = groupOf(p, end.procs);
            perGroup.merge(g, delta, Long::sum);
            if (threadsOf != null && g.equals(threadsOf)) {
                p.threads.forEach((tid, t) -> {
                    Proc.Thread tb = before == null ? null : before.threads.get(tid);
                    long d = t.ticks - (tb == null ? 0 : tb.ticks);
                    if (d > 0) {
                        threads.merge(t.name, d, Long::sum);
                    }
                });
            }
        }
        out.printf(Locale.ROOT, "CPU over %.1f s (%d cores): machine busy %.2f cores (%.0f%%)%n", seconds, cpus,
                machineBusy, 100 * machineBusy / Math.max(1e-9, machineAll));
        result.put("machine-busy-cores", round(machineBusy));
        perGroup.forEach((g, ticks) -> {
            double cores = ticks / ticksPerSecond / seconds;
            result.put(g, round(cores));
            out.printf(Locale.ROOT, "  %-22s %5.2f cores (%4.0f%% of busy)%n", g, cores,
                    100 * cores / Math.max(1e-9, machineBusy));
        });
        if (!threads.isEmpty()) {
            out.printf("  threads of %s (top by CPU):%n", threadsOf);
            threads.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(20)
                    .forEach(e -> out.printf(Locale.ROOT, "    %-20s %5.2f cores%n", e.getKey(),
                            e.getValue() / ticksPerSecond / seconds));
        }
        return result;
    }

    private String groupOf(Proc p, Map<Long, Proc> all) {
        if (p.pid == ProcessHandle.current().pid()) {
            return "driver";
        }
        Proc cur = p;
        for (int depth = 0; cur != null && depth < 64; depth++) {
            for (Map.Entry<String, String> g : groups.entrySet()) {
                if (g.getValue() != null && cur.cmdline.contains(g.getValue())) {
                    return g.getKey();
                }
            }
            cur = all.get(cur.ppid);
        }
        return "other";
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private record Snapshot(long nanos, long machineBusy, long machineAll, Map<Long, Proc> procs) {
    }

    private static final class Proc {
        record Thread(String name, long ticks) {
        }

        long pid;
        long ppid;
        long started;
        long ticks;
        String cmdline;
        Map<Long, Thread> threads = new HashMap<>();
    }

    private Snapshot snapshot() {
        long nanos = System.nanoTime();
        long busy = 0;
        long all = 0;
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            for (int i = 1; i < f.length && i <= 8; i++) {
                long v = Long.parseLong(f[i]);
                all += v;
                if (i != 4 && i != 5) { // idle, iowait
                    busy += v;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // no machine figure
        }
        Map<Long, Proc> procs = new HashMap<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    Proc p = new Proc();
                    p.pid = Long.parseLong(name);
                    String[] stat = stat(dir.resolve("stat"));
                    p.ppid = Long.parseLong(stat[1]);
                    p.started = Long.parseLong(stat[19]);
                    p.ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                    byte[] cmd = Files.readAllBytes(dir.resolve("cmdline"));
                    p.cmdline = new String(cmd, StandardCharsets.UTF_8).replace('\0', ' ');
                    procs.put(p.pid, p);
                } catch (IOException | RuntimeException ignored) {
                    // gone meanwhile
                }
            }
        } catch (IOException ignored) {
            // no /proc
        }
        if (threadsOf != null) {
            for (Proc p : procs.values()) {
                if (!p.cmdline.contains(groups.getOrDefault(threadsOf, "\0none"))) {
                    continue;
                }
                try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(p.pid), "task"))) {
                    for (Path t : (Iterable<Path>) tasks::iterator) {
                        try {
                            String raw = Files.readString(t.resolve("stat"));
                            String comm = raw.substring(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
                            String[] stat = stat(t.resolve("stat"));
                            long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                            p.threads.put(Long.parseLong(t.getFileName().toString()),
                                    new Proc.Thread(comm.replaceAll("[0-9]+", "#"), ticks));
                        } catch (IOException | RuntimeException ignored) {
                            // thread gone
                        }
                    }
                } catch (IOException ignored) {
                    // process gone
                }
            }
        }
        return new Snapshot(nanos, busy, all, procs);
    }

    /** The fields of a stat file after "(comm)": [0] = state, [1] = ppid, [11] = utime, [12] = stime, [19] = starttime. */
    private static String[] stat(Path file) throws IOException {
        String raw = Files.readString(file);
        return raw.substring(raw.lastIndexOf(')') + 2).trim().split(" ");
    }

    private static double clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (Exception e) {
            return 100;
        }
    }

    static List<String> none() {
        return new ArrayList<>();
    }
}
