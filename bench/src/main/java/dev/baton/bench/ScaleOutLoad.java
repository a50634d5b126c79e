package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The reference flow ({@link ReferenceFlow}) against several command and query nodes for a fixed time, built to
 * watch a failure (a broker or a node killed and restarted) and to audit afterwards ({@link ScaleOutAudit}):
 * <ul>
 *   <li>every request goes to the next node of its kind, round-robin per request, so a ticket's commands and reads
 *       cross nodes; the todo read before each step names the last answered version ({@code consistentWith}), so a
 *       node that is behind waits instead of answering stale;</li>
 *   <li>every command carries its own {@code Idempotency-Key}; a command that got no answer (refused connection,
 *       timeout), a 5xx, or a 409 saying its first attempt still runs (or the ticket changed meanwhile) is sent again
 *       with the same key to the next node, with back-off, until a deadline: a command the service accepted is never
 *       applied twice, one it never took is retried;</li>
 *   <li>a timeline (one line per interval, and the whole as JSON at the end), and per event (from {@code --events}
 *       or {@code --mark-at}) the dip and the time until the command rate is back to 90 % of the median before;</li>
 *   <li>a ledger, one line per ticket: {@code <ticket id> <last version a command answered> <finished yes|no>};</li>
 *   <li>optionally a webhook sink for the notification worker that logs every request's {@code Idempotency-Key}.</li>
 * </ul>
 * Only 127.0.0.1 is contacted.
 */
final class ScaleOutLoad {
    record Config(int clients, Duration duration, double rate, List<String> commandUrls, List<String> queryUrls,
                  String app, String workflow, List<String> creators, int todoLimit, long waitMillis,
                  Duration retryDeadline, Duration maxFinish, int intervalSeconds, Path ledger, Path events,
                  List<String> marks, int sinkPort, Path sinkLog, int sinkFailEvery, Duration sinkQuiet,
                  Duration sinkMaxLinger, String workerJdbc, String dbUser, String dbPassword) {
    }

    /** Round-robin over the nodes of one kind, per request. */
    static final class Nodes {
        private final List<String> urls;
        private final AtomicLong next = new AtomicLong();

        Nodes(List<String> urls) {
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("Expected at least one node URL");
            }
            this.urls = List.copyOf(urls);
        }

        String next() {
            return urls.get((int) (next.getAndIncrement() % urls.size()));
        }
    }

    /** One client's counters, merged at the end. */
    static final class ClientStats {
        final Latencies latencies = new Latencies();
        long ticketsStarted;
        long ticketsFinished;
        long ticketsAbandoned;
        long createsUnacknowledged;
        long commandsOk;
        long replayed;
        long retries;
        long readsOk;
        long readRetries;
        long readsFailed;
        long todoContained;
        long staleReads;
        final Map<String, Long> attemptsFailed = new TreeMap<>();
        final Map<String, Long> failedForGood = new TreeMap<>();
        final Map<String, Long> errors = new TreeMap<>();
        String lastError;

        void add(ClientStats o) {
            latencies.add(o.latencies);
            ticketsStarted += o.ticketsStarted;
            ticketsFinished += o.ticketsFinished;
            ticketsAbandoned += o.ticketsAbandoned;
            createsUnacknowledged += o.createsUnacknowledged;
            commandsOk += o.commandsOk;
            replayed += o.replayed;
            retries += o.retries;
            readsOk += o.readsOk;
            readRetries += o.readRetries;
            readsFailed += o.readsFailed;
            todoContained += o.todoContained;
            staleReads += o.staleReads;
            o.attemptsFailed.forEach((k, v) -> attemptsFailed.merge(k, v, Long::sum));
            o.failedForGood.forEach((k, v) -> failedForGood.merge(k, v, Long::sum));
            o.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            if (o.lastError != null) {
                lastError = o.lastError;
            }
        }
    }

    private static final long FIRST_BACKOFF = Duration.ofMillis(100).toNanos();
    private static final long MAX_BACKOFF = Duration.ofSeconds(2).toNanos();

    private final Config config;
    private final Http http;
    private final PrintStream out;
    private final Nodes commands;
    private final Nodes queries;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong ticketNumbers = new AtomicLong();
    private final AtomicLong nextStart = new AtomicLong();
    private Timeline timeline;
    private BufferedWriter ledger;
    private long loadEnd;
    private long hardStop;

    ScaleOutLoad(Config config, Http http, PrintStream out) {
        this.config = config;
        this.http = http;
        this.out = out;
        this.commands = new Nodes(config.commandUrls());
        this.queries = new Nodes(config.queryUrls());
    }

    Map<String, Object> run() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        WebhookSink sink = config.sinkPort() > 0
                ? new WebhookSink(config.sinkPort(), config.sinkLog(), config.sinkFailEvery()) : null;
        if (sink != null) {
            out.printf("webhook sink on http://127.0.0.1:%d/ (log %s%s)%n", config.sinkPort(), config.sinkLog(),
                    config.sinkFailEvery() > 0 ? ", answers 503 to every " + config.sinkFailEvery() + ". request" : "");
        }
        if (config.ledger().getParent() != null) {
            Files.createDirectories(config.ledger().getParent());
        }
        ledger = Files.newBufferedWriter(config.ledger(), StandardCharsets.UTF_8);
        ledger.write("# run " + run + ": ticket-id last-acknowledged-version finished(yes|no); "
                + "'# unacknowledged-create <ticket-id>': a create that never got an answer\n");
        out.printf(Locale.ROOT, "scale: %d clients for %d s%s; commands round-robin over %s, reads over %s; retries with the same Idempotency-Key for up to %d s%n",
                config.clients(), config.duration().toSeconds(),
                config.rate() > 0 ? String.format(Locale.ROOT, ", paced at %.1f ticket starts/s", config.rate()) : "",
                config.commandUrls(), config.queryUrls(), config.retryDeadline().toSeconds());
        timeline = new Timeline(config.intervalSeconds());
        long start = timeline.startNanos();
        loadEnd = start + config.duration().toNanos();
        hardStop = loadEnd + config.maxFinish().toNanos();
        timeline.loadEnds(loadEnd);
        nextStart.set(start);
        List<Thread> threads = new ArrayList<>();
        List<ClientStats> stats = new ArrayList<>();
        for (int c = 0; c < config.clients(); c++) {
            ClientStats s = new ClientStats();
            stats.add(s);
            Thread t = new Thread(() -> client(s), "scale-client-" + c);
            threads.add(t);
            t.start();
        }
        Reporter reporter = new Reporter();
        Thread reporting = new Thread(reporter, "timeline");
        reporting.setDaemon(true);
        reporting.start();
        for (Thread t : threads) {
            t.join();
        }
        double finishSeconds = Math.max(0, (System.nanoTime() - loadEnd) / 1e9);
        reporter.stop();
        reporting.interrupt();
        reporting.join(5_000);
        reporter.printUpTo(timeline.size());
        synchronized (this) {
            ledger.close();
        }
        ClientStats total = new ClientStats();
        stats.forEach(total::add);

        if (sink != null) {
            linger(sink);
            sink.close();
            out.printf("webhook sink: %d requests, %d distinct Idempotency-Keys, %d requests repeating a key%s%n",
                    sink.requests(), sink.distinctKeys(), sink.duplicates(),
                    sink.failedOnPurpose() > 0 ? ", " + sink.failedOnPurpose() + " answered 503 on purpose" : "");
            result.put("sinkRequests", sink.requests());
            result.put("sinkDistinctKeys", sink.distinctKeys());
            result.put("sinkRepeatedKeys", sink.duplicates());
            result.put("sinkFailedOnPurpose", sink.failedOnPurpose());
        }

        List<Timeline.Event> events = new ArrayList<>(Timeline.readEvents(config.events()));
        for (String m : config.marks()) {
            events.add(timeline.mark(m));
        }
        List<Map<String, Object>> recoveries = List.of();
        if (!events.isEmpty()) {
            out.println("events (recovery: first interval back to >= 90 % of the median command rate before the event):");
            recoveries = timeline.recoveries(events, out);
        }

        double seconds = config.duration().toNanos() / 1e9;
        out.println();
        out.printf(Locale.ROOT, "== scale: %d clients, %d command node(s), %d query node(s), %.0f s of load (+%.1f s finishing the tickets under way)%n",
                config.clients(), config.commandUrls().size(), config.queryUrls().size(), seconds, finishSeconds);
        out.printf(Locale.ROOT, "  tickets: %d started, %d finished (%.1f/s), %d abandoned, %d creates never acknowledged%n",
                total.ticketsStarted, total.ticketsFinished, total.ticketsFinished / seconds, total.ticketsAbandoned,
                total.createsUnacknowledged);
        out.printf(Locale.ROOT, "  commands: %d accepted (%.1f/s), %d of them answered from the stored first attempt (Idempotent-Replayed); %d retries%n",
                total.commandsOk, total.commandsOk / seconds, total.replayed, total.retries);
        out.println("  failed attempts: " + (total.attemptsFailed.isEmpty() ? "none" : total.attemptsFailed)
                + "; failed for good: " + (total.failedForGood.isEmpty() ? "none" : total.failedForGood));
        out.printf(Locale.ROOT, "  reads (todo with consistentWith): %d answered, %d retried, %d failed for good; the ticket was listed in %.1f %%; stale (shorter than the limit, without the ticket): %d%n",
                total.readsOk, total.readRetries, total.readsFailed,
                100.0 * total.todoContained / Math.max(1, total.readsOk), total.staleReads);
        out.println("  latency (first attempt sent -> accepted answer, retries included):");
        total.latencies.print(out);
        if (!total.errors.isEmpty()) {
            out.println("  errors: " + total.errors);
            out.println("  last error: " + total.lastError);
        }
        out.println("  ledger: " + config.ledger());
        List<Map<String, Object>> intervals = timeline.json();
        out.println("TIMELINE " + Http.JSON.writeValueAsString(intervals));

        result.put("clients", config.clients());
        result.put("rate", config.rate());
        result.put("durationSeconds", config.duration().toSeconds());
        result.put("finishSeconds", Latencies.round(finishSeconds));
        result.put("commandNodes", config.commandUrls());
        result.put("queryNodes", config.queryUrls());
        result.put("ticketsStarted", total.ticketsStarted);
        result.put("ticketsFinished", total.ticketsFinished);
        result.put("ticketsAbandoned", total.ticketsAbandoned);
        result.put("createsUnacknowledged", total.createsUnacknowledged);
        result.put("ticketsPerSecond", Latencies.round(total.ticketsFinished / seconds));
        result.put("commandsOk", total.commandsOk);
        result.put("commandsPerSecond", Latencies.round(total.commandsOk / seconds));
        result.put("replayed", total.replayed);
        result.put("retries", total.retries);
        result.put("attemptsFailed", total.attemptsFailed);
        result.put("failedForGood", total.failedForGood);
        result.put("readsOk", total.readsOk);
        result.put("readRetries", total.readRetries);
        result.put("readsFailed", total.readsFailed);
        result.put("staleReads", total.staleReads);
        result.put("todoContained", Latencies.round(100.0 * total.todoContained / Math.max(1, total.readsOk)));
        result.put("latency", total.latencies.summary());
        result.put("errors", total.errors);
        result.put("ledger", config.ledger().toString());
        result.put("events", recoveries);
        result.put("timeline", intervals);
        return result;
    }

    /** Keeps the sink open until it has been quiet (and, with the worker's database, nothing is pending). */
    private void linger(WebhookSink sink) throws InterruptedException {
        long t0 = System.nanoTime();
        long max = config.sinkMaxLinger().toNanos();
        long pending = -1;
        while (System.nanoTime() - t0 < max) {
            pending = config.workerJdbc() == null ? 0 : pendingDeliveries();
            if (pending == 0 && sink.nanosSinceLastRequest() >= config.sinkQuiet().toNanos()) {
                break;
            }
            Thread.sleep(500);
        }
        out.printf(Locale.ROOT, "webhook sink kept open %.1f s after the load%s%n", (System.nanoTime() - t0) / 1e9,
                pending > 0 ? " (" + pending + " deliveries still pending)" : "");
    }

    private long pendingDeliveries() {
        try (Connection c = DriverManager.getConnection(config.workerJdbc(), config.dbUser(), config.dbPassword());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM delivery WHERE status = 'PENDING'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            out.println("  cannot count pending deliveries: " + e.getMessage());
            return 0;
        }
    }

    /** Prints each interval once it is over, and the events as they appear in the events file. */
    private final class Reporter implements Runnable {
        private volatile boolean stopped;
        private int printed;
        private final Set<String> eventsSeen = new HashSet<>();

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            long length = (long) (timeline.intervalSeconds() * 1e9);
            while (!stopped) {
                long due = timeline.startNanos() + (printed + 1) * length + 100_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    if (Thread.interrupted() || stopped) {
                        return;
                    }
                    continue;
                }
                printUpTo(printed + 1);
            }
        }

        synchronized void printUpTo(int intervals) {
            for (Timeline.Event e : Timeline.readEvents(config.events())) {
                if (eventsSeen.add(e.epochMillis() + " " + e.label())) {
                    out.printf(Locale.ROOT, "  >> event '%s' at %.1f s%n", e.label(), timeline.offset(e));
                }
            }
            while (printed < intervals) {
                out.println(timeline.line(printed));
                printed++;
            }
        }
    }

    private void client(ClientStats s) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long step = config.rate() > 0 ? (long) (1e9 / config.rate()) : 0;
        while (System.nanoTime() < loadEnd) {
            if (step > 0) {
                long slot = nextStart.getAndAdd(step);
                if (slot >= loadEnd) {
                    break;
                }
                long wait = slot - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            String creator = config.creators().get(random.nextInt(config.creators().size()));
            int days = 1 + random.nextInt(5);
            s.ticketsStarted++;
            Calls calls = new Calls(s, run + "-" + ticketNumbers.incrementAndGet());
            ReferenceFlow.Outcome outcome = ReferenceFlow.ticket(calls, config.workflow(), creator, days, random);
            timeline.ticketEnded(System.nanoTime(), outcome.finished());
            if (outcome.finished()) {
                s.ticketsFinished++;
            } else {
                s.ticketsAbandoned++;
            }
            if (outcome.ticketId() != null) {
                ledger(outcome.ticketId() + " " + outcome.version() + " " + (outcome.finished() ? "yes" : "no"));
            } else if (calls.unacknowledgedCreate != null) {
                s.createsUnacknowledged++;
                ledger("# unacknowledged-create " + calls.unacknowledgedCreate);
            }
        }
    }

    private synchronized void ledger(String line) {
        try {
            ledger.write(line);
            ledger.write('\n');
            ledger.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A failure worth another attempt with the same key: no answer, 5xx, or a 409 that passes. */
    static boolean retryableCommand(Http.Answer a) {
        if (a.status() == -1 || a.status() >= 500) {
            return true;
        }
        if (a.status() == 409) {
            String code = a.problemCode();
            return code.equals("idempotency-key-in-use") || code.equals("concurrent-modification");
        }
        return false;
    }

    /** A read worth another attempt: no answer or 5xx (503 not-ready: the node did not catch up within the wait). */
    static boolean retryableRead(Http.Answer a) {
        return a.status() == -1 || a.status() >= 500;
    }

    /** A failed attempt's kind: {@code timeout}, {@code refused}, {@code io}, or the status and problem code. */
    static String kind(Http.Answer a) {
        if (a.status() < 0) {
            return a.failure();
        }
        String code = a.problemCode();
        return code.isEmpty() ? Integer.toString(a.status()) : a.status() + " " + code;
    }

    /** One ticket's calls: its commands' keys are {@code <run>-<ticket number>-<command number>}. */
    private final class Calls implements ReferenceFlow.Calls {
        private final ClientStats s;
        private final String keyPrefix;
        private int commandNo;
        /** The last command had an attempt whose outcome is unknown (no answer, 5xx, or still running). */
        private boolean uncertain;
        String unacknowledgedCreate;

        Calls(ClientStats s, String keyPrefix) {
            this.s = s;
            this.keyPrefix = keyPrefix;
        }

        @Override
        public Http.Answer create(String creator, Map<String, Object> body) {
            String key = keyPrefix + "-" + commandNo++;
            Http.Answer a = command(key, "/tickets", creator, body);
            if (a.status() != 201 && uncertain) {
                // An attempt went unanswered (or failed on the server), so the ticket may exist all the same: the
                // service names a ticket created under a key after the app, the user and the key.
                unacknowledgedCreate = UUID.nameUUIDFromBytes((config.app() + "\n" + creator + "\n" + key)
                        .getBytes(StandardCharsets.UTF_8)).toString();
            }
            return a;
        }

        @Override
        public Http.Answer act(String ticketId, String action, String user, Map<String, Object> body) {
            return command(keyPrefix + "-" + commandNo++, "/tickets/" + ticketId + "/" + action, user, body);
        }

        private Http.Answer command(String key, String path, String user, Map<String, Object> body) {
            long first = System.nanoTime();
            long deadline = Math.min(first + config.retryDeadline().toNanos(), hardStop);
            long backoff = FIRST_BACKOFF;
            uncertain = false;
            while (true) {
                Http.Answer a = http.post(commands.next(), path, user, body, key);
                Http.Answer whole = new Http.Answer(a.status(), a.body(), first, a.doneNanos(), a.replayed());
                if (a.ok()) {
                    s.commandsOk++;
                    if (a.replayed()) {
                        s.replayed++;
                    }
                    timeline.commandOk(a.doneNanos(), whole.micros(), a.replayed());
                    s.latencies.record("command", whole.micros());
                    return whole;
                }
                String kind = kind(a);
                s.attemptsFailed.merge(kind, 1L, Long::sum);
                timeline.attemptFailed(a.doneNanos(), kind);
                long now = System.nanoTime();
                boolean retry = retryableCommand(a);
                uncertain |= retry;
                if (!retry || now + backoff > deadline) {
                    s.failedForGood.merge(retry ? kind + " (past the retry deadline)" : kind, 1L, Long::sum);
                    return whole;
                }
                s.retries++;
                timeline.retry(now);
                LockSupport.parkNanos(backoff);
                backoff = Math.min(2 * backoff, MAX_BACKOFF);
            }
        }

        @Override
        public void todo(String user, String ticketId, long version) {
            String query = "/tickets/todo?limit=" + config.todoLimit() + "&consistentWith=" + ticketId + ":" + version
                    + "&waitMillis=" + config.waitMillis();
            long first = System.nanoTime();
            long deadline = Math.min(first + config.retryDeadline().toNanos(), hardStop);
            long backoff = FIRST_BACKOFF;
            while (true) {
                Http.Answer a = http.get(queries.next(), query, user);
                if (a.ok()) {
                    s.readsOk++;
                    timeline.readOk(a.doneNanos());
                    s.latencies.record("todo", (a.doneNanos() - first) / 1000);
                    JsonNode items = a.json().path("items");
                    boolean listed = false;
                    for (JsonNode item : items) {
                        if (ticketId.equals(item.path("ticketId").asText())) {
                            listed = true;
                            break;
                        }
                    }
                    if (listed) {
                        s.todoContained++;
                    } else if (items.size() < config.todoLimit()) {
                        s.staleReads++;
                        s.lastError = "todo of " + user + " at " + ticketId + ":" + version + " without the ticket: "
                                + a.text();
                    }
                    return;
                }
                String kind = kind(a);
                s.attemptsFailed.merge("read " + kind, 1L, Long::sum);
                long now = System.nanoTime();
                if (!retryableRead(a) || now + backoff > deadline) {
                    s.readsFailed++;
                    s.errors.merge("todo " + kind, 1L, Long::sum);
                    s.lastError = "todo -> " + a.status() + " " + a.text();
                    return;
                }
                s.readRetries++;
                timeline.readRetried(now);
                LockSupport.parkNanos(backoff);
                backoff = Math.min(2 * backoff, MAX_BACKOFF);
            }
        }

        @Override
        public void accepted(String step, Http.Answer answer) {
            s.latencies.command(step, answer.micros());
        }

        @Override
        public void failed(String what, Http.Answer answer) {
            s.errors.merge(what + " " + kind(answer), 1L, Long::sum);
            s.lastError = what + " -> " + answer.status() + " " + answer.text();
        }

        @Override
        public void unexpected(String errorKey, String message) {
            s.errors.merge(errorKey, 1L, Long::sum);
            s.lastError = message;
        }
    }
}
