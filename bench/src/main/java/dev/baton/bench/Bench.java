package dev.baton.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Baton's load benchmark. Modes:
 * <ul>
 *   <li>{@code flow} (default): N clients run whole reference tickets; throughput, create / todo / handle latency,
 *       command-to-todo lag, CPU split.</li>
 *   <li>{@code todo}: todo-list latency for random users (after bench/seed-projection.sql).</li>
 *   <li>{@code storage}: stored bytes per finished ticket.</li>
 *   <li>{@code timers}: how late the timer role fires a backlog of due timers, and how many it fires per second.</li>
 *   <li>{@code hooks}: hook calls per second against a local HTTP sink.</li>
 *   <li>{@code notifications}: notification deliveries per second from the outbox to a local webhook sink.</li>
 *   <li>{@code sql}: runs a plain SQL file (e.g. bench/seed-projection.sql) when psql is not at hand.</li>
 *   <li>{@code jfr}: summarises the CPU samples of a JFR recording.</li>
 *   <li>{@code scale}: the reference flow for a fixed time, round-robin over several command and query nodes, with
 *       retries under the same Idempotency-Key, a timeline and an acknowledgement ledger ({@link ScaleOutLoad}).</li>
 *   <li>{@code audit}: after a {@code scale} run has settled, checks its ledger against the event store, Kafka, the
 *       projection and the notifications; exits non-zero when something that must be 0 is not ({@link ScaleOutAudit}).</li>
 * </ul>
 * Every figure is also written as one JSON line (prefixed {@code RESULT }) and, with {@code --out FILE}, appended to
 * FILE. Only 127.0.0.1 is ever contacted.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        PrintStream out = System.out;
        if (o.flag("help") || o.mode.equals("help")) {
            usage(out);
            return;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", o.mode);
        result.put("at", Instant.now().toString());
        result.put("label", o.string("label", ""));
        String outFile = o.string("out", null);
        int exit = 0;
        switch (o.mode) {
            case "flow" -> flow(o, out, result);
            case "todo" -> todo(o, out, result);
            case "storage" -> storage(o, out, result);
            case "timers" -> timers(o, out, result);
            case "hooks" -> hooks(o, out, result);
            case "notifications" -> notifications(o, out, result);
            case "scale" -> scale(o, out, result);
            case "audit" -> exit = audit(o, out, result) == 0 ? 0 : 3;
            case "sql" -> sql(o, out);
            case "summary" -> {
                String file = o.string("file", "bench/target/run/results.jsonl");
                o.rejectUnknown();
                Summary.print(Path.of(file), out);
            }
            case "jfr" -> {
                String file = o.string("file", null);
                int top = o.integer("top", 25);
                o.rejectUnknown();
                JfrSummary.print(Path.of(file), top, out);
            }
            default -> throw new IllegalArgumentException("Unknown mode " + o.mode
                    + " (flow, todo, storage, timers, hooks, notifications, scale, audit, sql, help)");
        }
        if (!List.of("sql", "jfr", "summary").contains(o.mode)) {
            String line = Http.JSON.writeValueAsString(result);
            out.println("RESULT " + line);
            if (outFile != null) {
                Files.writeString(Path.of(outFile), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        }
        System.exit(exit);
    }

    private static Http http(Options o) {
        return new Http(o.string("app", "demo-oa"), o.string("secret", "demo-oa-secret"),
                Duration.ofSeconds(o.integer("request-timeout", 30)));
    }

    private static void flow(Options o, PrintStream out, Map<String, Object> result) throws Exception {
        FlowBenchmark.Config c = new FlowBenchmark.Config(
                o.integer("clients", 8), o.integer("tickets", 1000), o.integer("warmup", 100),
                o.decimal("rate", 0), Duration.ofSeconds(o.integer("max-seconds", 300)),
                Http.base(o.string("command-url", "http://127.0.0.1:8082")),
                Http.base(o.string("query-url", "http://127.0.0.1:8083")),
                o.string("workflow", "leave-request"), o.list("creators", "alice,bob,sue"),
                o.integer("todo-limit", 20), o.integer("lag-interval-ms", 5), o.integer("lag-timeout-ms", 30_000),
                o.integer("lag-max-pending", 2), o.list("lag-commands", "submit,leader_approve"),
                o.integer("lag-every", 3));
        CpuWatch cpu = new CpuWatch(o.list("cpu-group", ""), o.string("threads-of", null));
        String jdbc = o.string("jdbc-url", null);
        String dbUser = o.string("db-user", "postgres");
        String dbPassword = o.string("db-password", "");
        boolean countCost = o.flag("cost");
        String kafka = o.string("kafka", null);
        Map<String, String> metrics = new LinkedHashMap<>();
        for (String named : o.list("metrics", "")) {
            int eq = named.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Expected --metrics as service=url,..., but got '" + named + "'");
            }
            metrics.put(named.substring(0, eq), Http.base(named.substring(eq + 1)));
        }
        o.rejectUnknown();
        if (countCost && jdbc == null) {
            throw new IllegalArgumentException("--cost needs --jdbc-url (and --kafka for the Kafka counts)");
        }
        result.put("clients", c.clients());
        result.put("tickets", c.tickets());
        result.put("warmup", c.warmup());
        result.put("rate", c.rate());
        FlowBenchmark.Result r;
        try (Backlog backlog = jdbc == null ? null : new Backlog(jdbc, dbUser, dbPassword);
             CostModel cost = countCost ? new CostModel(jdbc, dbUser, dbPassword, kafka, metrics) : null) {
            r = new FlowBenchmark(c, http(o), out).run(cpu, backlog, cost);
        }
        FlowBenchmark.ClientStats s = r.stats();
        out.println();
        out.printf(Locale.ROOT, "== %d clients: %d tickets finished, %d failed in %.1f s -> %.1f tickets/s (%.0f commands/s, %.0f todo lists/s)%n",
                c.clients(), s.finished, s.failed, r.seconds(), r.ticketsPerSecond(), s.commands / r.seconds(),
                s.todoCalls / r.seconds());
        s.latencies.print(out);
        out.printf(Locale.ROOT, "  the acting user's todo list (limit %d) already listed the ticket in %.1f%% of %d fetches%n",
                c.todoLimit(), 100.0 * s.todoContained / Math.max(1, s.todoCalls), s.todoCalls);
        LagSampler lag = r.lag();
        out.printf("command-to-todo lag (answer of the command -> first todo answer listing the ticket; polled every %d ms):%n",
                c.lagIntervalMs());
        lag.results().print(out);
        out.printf(Locale.ROOT, "  samples: %d via detail (overtaken by the client), skipped (sampler full) %d, given up %d (overtaken %d), poll errors %d; sampler load %d polls (%.0f/s)%n",
                lag.viaDetail, lag.skipped, lag.timedOut + lag.overtaken, lag.overtaken, lag.errors, lag.polls, lag.polls / r.seconds());
        if (!s.errors.isEmpty()) {
            out.println("  errors: " + s.errors);
            out.println("  last error: " + s.lastError);
        }
        result.put("seconds", Latencies.round(r.seconds()));
        result.put("finished", s.finished);
        result.put("failed", s.failed);
        result.put("ticketsPerSecond", Latencies.round(r.ticketsPerSecond()));
        result.put("commandsPerSecond", Latencies.round(s.commands / r.seconds()));
        result.put("latency", s.latencies.summary());
        result.put("todoContained", Latencies.round(100.0 * s.todoContained / Math.max(1, s.todoCalls)));
        result.put("lag", lag.results().summary());
        result.put("lagSkipped", lag.skipped);
        result.put("lagTimedOut", lag.timedOut);
        result.put("lagOvertaken", lag.overtaken);
        result.put("lagViaDetail", lag.viaDetail);
        result.put("lagPollsPerSecond", Latencies.round(lag.polls / r.seconds()));
        result.put("errors", s.errors);
        result.put("cpu", r.cpu());
        if (r.cost() != null) {
            result.put("cost", r.cost());
        }
        if (r.leftBehind() != null) {
            result.put("relayBehindAtEnd", r.leftBehind().relayBehind());
            result.put("projectionBehindAtEnd", r.leftBehind().projectionBehind());
            result.put("drainSeconds", Latencies.round(r.drainSeconds()));
        }
    }

    private static List<String> urls(Options o, String name, String fallback) {
        return o.list(name, fallback).stream().map(Http::base).toList();
    }

    private static void scale(Options o, PrintStream out, Map<String, Object> result) throws Exception {
        String workerJdbc = o.string("worker-jdbc", null);
        ScaleOutLoad.Config c = new ScaleOutLoad.Config(
                o.integer("clients", 16), Duration.ofSeconds(o.integer("duration-seconds", 60)), o.decimal("rate", 0),
                urls(o, "command-urls", "http://127.0.0.1:8082"), urls(o, "query-urls", "http://127.0.0.1:8083"),
                o.string("app", "demo-oa"), o.string("workflow", "leave-request"), o.list("creators", "alice,bob,sue"),
                o.integer("todo-limit", 20), o.integer("wait-millis", 10_000),
                Duration.ofSeconds(o.integer("retry-seconds", 120)), Duration.ofSeconds(o.integer("finish-seconds", 300)),
                o.integer("interval-seconds", 5), Path.of(o.string("ledger", "bench/target/run/scale-ledger.txt")),
                o.string("events", null) == null ? null : Path.of(o.string("events", null)), o.list("mark-at", ""),
                o.integer("sink-port", 0), Path.of(o.string("sink-log", "bench/target/run/scale-sink.log")),
                o.integer("sink-fail-every", 0), Duration.ofSeconds(o.integer("sink-quiet-seconds", 10)),
                Duration.ofSeconds(o.integer("sink-max-seconds", 180)),
                workerJdbc == null ? null : Storage.checkLoopback(workerJdbc), o.string("db-user", "postgres"),
                o.string("db-password", ""));
        // a request may wait up to --wait-millis for read-your-writes: the timeout is longer by default
        Http http = new Http(c.app(), o.string("secret", "demo-oa-secret"),
                Duration.ofSeconds(o.integer("request-timeout", 15)));
        o.rejectUnknown();
        result.putAll(new ScaleOutLoad(c, http, out).run());
    }

    private static int audit(Options o, PrintStream out, Map<String, Object> result) throws Exception {
        String db = "jdbc:postgresql://127.0.0.1:55432/baton?currentSchema=";
        String ledger = o.string("ledger", "bench/target/run/scale-ledger.txt");
        String sinkLog = o.string("sink-log", null);
        String worker = o.string("worker-jdbc", db + "notification_worker");
        String kafka = o.string("kafka", null);
        if (kafka == null) {
            throw new IllegalArgumentException("audit needs --kafka host:port (a standalone's broker: bench/run.sh standalone-kafka)");
        }
        ScaleOutAudit.Config c = new ScaleOutAudit.Config(Path.of(ledger),
                o.string("command-jdbc", db + "ticket_command"), o.string("query-jdbc", db + "ticket_query"),
                worker.isBlank() || worker.equals("none") ? null : worker, kafka,
                o.string("topic", "baton.ticket.events"), sinkLog == null ? null : Path.of(sinkLog),
                o.string("sink-channel", "webhook"), o.string("db-user", "postgres"), o.string("db-password", ""),
                Duration.ofSeconds(o.integer("settle-seconds", 120)), Duration.ofSeconds(o.integer("kafka-seconds", 120)),
                o.integer("show", 10));
        o.rejectUnknown();
        return new ScaleOutAudit(c, out).run(result);
    }

    private static void todo(Options o, PrintStream out, Map<String, Object> result) throws InterruptedException {
        TodoBenchmark.Config c = new TodoBenchmark.Config(
                Http.base(o.string("query-url", "http://127.0.0.1:8083")),
                TodoBenchmark.users(o.list("users", "su%04d:1-1820,slead%03d:1-100,sdir%02d:1-30,sops%02d:1-50")),
                o.integer("clients", 1), o.integer("requests", 5000), o.integer("warmup", 1000),
                o.integer("todo-limit", 20));
        CpuWatch cpu = new CpuWatch(o.list("cpu-group", ""), o.string("threads-of", null));
        o.rejectUnknown();
        TodoBenchmark.Result r = TodoBenchmark.run(c, http(o), cpu, out);
        out.printf(Locale.ROOT, "== todo list, %d users, %d clients: %d requests in %.1f s (%.0f/s), %.1f items per answer, %d errors%n",
                c.users().size(), c.clients(), c.requests(), r.seconds(), c.requests() / r.seconds(),
                r.items() / (double) Math.max(1, c.requests()), r.errors());
        r.latencies().print(out);
        if (r.lastError() != null) {
            out.println("  last error: " + r.lastError());
        }
        result.put("clients", c.clients());
        result.put("users", c.users().size());
        result.put("requests", c.requests());
        result.put("perSecond", Latencies.round(c.requests() / r.seconds()));
        result.put("latency", r.latencies().summary());
        result.put("errors", r.errors());
        result.put("cpu", r.cpu());
    }

    private static void timers(Options o, PrintStream out, Map<String, Object> result) throws Exception {
        TimerBenchmark.Config c = new TimerBenchmark.Config(
                Storage.checkLoopback(o.string("jdbc-url", "jdbc:postgresql://127.0.0.1:55432/baton")),
                o.string("db-user", "postgres"), o.string("db-password", ""),
                o.string("bootstrap", "127.0.0.1:59092"), o.integer("timers", 100_000),
                Duration.ofSeconds(o.integer("lead-seconds", 15)), Duration.ofSeconds(o.integer("spread-seconds", 30)),
                Duration.ofSeconds(o.integer("max-wait-seconds", 120)));
        o.rejectUnknown();
        TimerBenchmark.Result r = TimerBenchmark.run(c, out);
        out.printf(Locale.ROOT, "== %d of %d timers fired; due over %d s, last fired %.1f s after the first was due"
                        + " -> %.0f firings/s%n", r.fired(), c.timers(), c.spread().toSeconds(), r.seconds(),
                r.firedPerSecond());
        out.println(Latencies.header().replace("operation", "lateness "));
        out.println(Latencies.row("due -> sent", r.lateness()));
        result.put("timers", c.timers());
        result.put("spreadSeconds", c.spread().toSeconds());
        result.put("fired", r.fired());
        result.put("firedPerSecond", Latencies.round(r.firedPerSecond()));
        result.put("latenessMs", Map.of("p50", Latencies.round(r.lateness().getValueAtPercentile(50) / 1000.0),
                "p95", Latencies.round(r.lateness().getValueAtPercentile(95) / 1000.0),
                "p99", Latencies.round(r.lateness().getValueAtPercentile(99) / 1000.0),
                "max", Latencies.round(r.lateness().getMaxValue() / 1000.0)));
    }

    private static void hooks(Options o, PrintStream out, Map<String, Object> result) throws Exception {
        HookBenchmark.Config c = new HookBenchmark.Config(
                Storage.checkLoopback(o.string("jdbc-url", "jdbc:postgresql://127.0.0.1:55432/baton")),
                o.string("db-user", "postgres"), o.string("db-password", ""),
                o.string("bootstrap", "127.0.0.1:59092"), o.integer("calls", 10_000),
                Duration.ofSeconds(o.integer("max-wait-seconds", 300)));
        o.rejectUnknown();
        HookBenchmark.Result r = HookBenchmark.run(c, out);
        out.printf(Locale.ROOT, "== %d of %d hook calls answered (%d reached the sink) in %.1f s -> %.0f calls/s%n",
                r.answered(), c.calls(), r.sinkCalls(), r.seconds(), r.perSecond());
        out.println(Latencies.header().replace("operation", "due -> answer"));
        out.println(Latencies.row("hook call", r.latency()));
        result.put("calls", c.calls());
        result.put("answered", r.answered());
        result.put("perSecond", Latencies.round(r.perSecond()));
        result.put("latencyMs", Map.of("p50", Latencies.round(r.latency().getValueAtPercentile(50) / 1000.0),
                "p99", Latencies.round(r.latency().getValueAtPercentile(99) / 1000.0),
                "max", Latencies.round(r.latency().getMaxValue() / 1000.0)));
    }

    private static void notifications(Options o, PrintStream out, Map<String, Object> result) throws Exception {
        NotificationBenchmark.Config c = new NotificationBenchmark.Config(
                Storage.checkLoopback(o.string("jdbc-url", "jdbc:postgresql://127.0.0.1:55432/baton")),
                o.string("db-user", "postgres"), o.string("db-password", ""), o.integer("sink-port", 18094),
                o.integer("deliveries", 10_000), Duration.ofSeconds(o.integer("max-wait-seconds", 300)));
        o.rejectUnknown();
        NotificationBenchmark.Result r = NotificationBenchmark.run(c, out);
        out.printf(Locale.ROOT, "== %d of %d deliveries reached the sink (%d marked delivered) in %.1f s -> %.0f/s%n",
                r.received(), c.deliveries(), r.delivered(), r.seconds(), r.perSecond());
        out.println(Latencies.header().replace("operation", "due -> sink"));
        out.println(Latencies.row("delivery", r.latency()));
        result.put("deliveries", c.deliveries());
        result.put("received", r.received());
        result.put("delivered", r.delivered());
        result.put("perSecond", Latencies.round(r.perSecond()));
        result.put("latencyMs", Map.of("p50", Latencies.round(r.latency().getValueAtPercentile(50) / 1000.0),
                "p99", Latencies.round(r.latency().getValueAtPercentile(99) / 1000.0),
                "max", Latencies.round(r.latency().getMaxValue() / 1000.0)));
    }

    private static void storage(Options o, PrintStream out, Map<String, Object> result) throws Exception {
        String url = Storage.checkLoopback(o.string("jdbc-url", "jdbc:postgresql://127.0.0.1:55432/baton"));
        String user = o.string("db-user", "postgres");
        String password = o.string("db-password", "");
        boolean compact = o.flag("compact");
        o.rejectUnknown();
        try (Backlog backlog = new Backlog(url, user, password)) {
            backlog.drain(600_000, out, "before measuring");
        }
        Thread.sleep(3000); // notification-worker
        result.putAll(Storage.measure(url, user, password, compact, out));
    }

    private static void sql(Options o, PrintStream out) throws Exception {
        String url = Storage.checkLoopback(o.string("jdbc-url", "jdbc:postgresql://127.0.0.1:55432/baton"));
        String user = o.string("db-user", "postgres");
        String password = o.string("db-password", "");
        String file = o.string("file", null);
        o.rejectUnknown();
        if (file == null) {
            throw new IllegalArgumentException("sql needs --file");
        }
        Storage.runFile(url, user, password, Files.readString(Path.of(file)), out);
    }

    private static void usage(PrintStream out) {
        out.println("""
                Baton load benchmark (see docs/benchmarks.md)

                  flow    [--clients 8] [--tickets 1000] [--warmup 100] [--rate 0 (ticket starts/s, 0 = closed loop)]
                          [--max-seconds 300] [--command-url http://127.0.0.1:8082] [--query-url http://127.0.0.1:8083]
                          [--app demo-oa] [--secret demo-oa-secret] [--creators alice,bob,sue] [--todo-limit 20]
                          [--lag-commands submit,leader_approve] [--lag-interval-ms 5] [--lag-timeout-ms 30000]
                          [--lag-max-pending 2] [--lag-every 3] [--cpu-group name=cmdline-substring,...] [--threads-of group]
                          [--jdbc-url jdbc:postgresql://127.0.0.1:55432/baton]  (wait for relay + projection to catch
                          up before each phase; report what the run left behind)
                          [--cost [--kafka 127.0.0.1:PORT] [--metrics service=http://127.0.0.1:PORT,...]]  (with --jdbc-url: what one measured ticket costs in
                          transactions, statements, rows and Kafka records; see docs/benchmarks.md)
                  todo    [--users su%04d:1-1820,slead%03d:1-100,sdir%02d:1-30,sops%02d:1-50] [--clients 1]
                          [--requests 5000] [--warmup 1000] [--todo-limit 20] [--query-url ...] [--app ...] [--secret ...]
                          [--cpu-group name=cmdline-substring,...] [--threads-of group]
                  storage [--jdbc-url jdbc:postgresql://127.0.0.1:55432/baton] [--db-user postgres] [--compact]
                  sql     --file bench/seed-projection.sql [--jdbc-url ...]
                  jfr     --file recording.jfr [--top 25]   (CPU samples by thread, frame, library)
                  summary [--file bench/target/run/results.jsonl]   (medians over repeats, Markdown)
                  scale   [--clients 16] [--duration-seconds 60] [--rate 0 (ticket starts/s, 0 = closed loop)]
                          [--command-urls http://127.0.0.1:8082,...] [--query-urls http://127.0.0.1:8083,...]
                          (round-robin per request) [--retry-seconds 120] [--finish-seconds 300] [--wait-millis 10000]
                          [--interval-seconds 5] [--ledger bench/target/run/scale-ledger.txt]
                          [--events FILE (lines "<epoch-ms> <label>")] [--mark-at <epoch-ms>|+<s>[=label],...]
                          [--sink-port PORT [--sink-log bench/target/run/scale-sink.log] [--sink-fail-every N]
                          [--sink-quiet-seconds 10] [--sink-max-seconds 180] [--worker-jdbc ...notification_worker]]
                          [--app ...] [--secret ...] [--request-timeout 15] [--creators ...] [--todo-limit 20]
                  audit   [--ledger bench/target/run/scale-ledger.txt]
                          [--command-jdbc jdbc:postgresql://127.0.0.1:55432/baton?currentSchema=ticket_command]
                          [--query-jdbc ...?currentSchema=ticket_query] [--worker-jdbc ...?currentSchema=notification_worker|none]
                          --kafka HOST:PORT [--topic baton.ticket.events] [--sink-log FILE] [--sink-channel webhook]
                          [--settle-seconds 120] [--kafka-seconds 120] [--show 10]   (exit status 3 when a must-be-0 check fails)

                Common: --label TEXT (copied into the RESULT line), --out FILE (append the RESULT JSON line).
                """);
    }

    static List<String> unused() {
        return List.of();
    }
}
