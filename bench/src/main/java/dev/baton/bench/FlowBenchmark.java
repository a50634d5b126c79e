package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * N clients, each running whole reference leave-request tickets ({@link ReferenceFlow}) through the REST API, one
 * after another, as the right users: the creator submits (random days 1..5); then, at every step, one of the
 * participants the command answered with (leader; a director for more than three days; ops) fetches their todo list
 * once, accepts when the step is offered to several, and handles the step's forward transition, until the ticket is
 * finished.
 *
 * <p>A warm-up phase of {@code warmup} tickets runs first with the same clients and is excluded from every figure;
 * then {@code tickets} measured tickets. Optionally paced ({@code rate} ticket starts per second, over all clients).
 */
final class FlowBenchmark {
    /** The forward transition of each step of the reference workflow. */
    static final Map<String, String> FORWARD = ReferenceFlow.FORWARD;

    record Config(int clients, int tickets, int warmup, double rate, Duration maxTime, String commandUrl,
                  String queryUrl, String workflow, List<String> creators, int todoLimit, int lagIntervalMs,
                  int lagTimeoutMs, int lagMaxPending, List<String> lagKinds, int lagEvery) {
    }

    private final Config config;
    private final Http http;
    private final PrintStream out;

    FlowBenchmark(Config config, Http http, PrintStream out) {
        this.config = config;
        this.http = http;
        this.out = out;
    }

    /** Per-client counters and histograms (merged at the end). */
    static final class ClientStats {
        final Latencies latencies = new Latencies();
        long finished;
        long failed;
        long todoCalls;
        long todoContained;
        long commands;
        final Map<String, Long> errors = new LinkedHashMap<>();
        String lastError;

        void error(String what, Http.Answer a) {
            errors.merge(what + " " + a.status(), 1L, Long::sum);
            lastError = what + " -> " + a.status() + " " + a.text();
        }

        void add(ClientStats o) {
            latencies.add(o.latencies);
            finished += o.finished;
            failed += o.failed;
            todoCalls += o.todoCalls;
            todoContained += o.todoContained;
            commands += o.commands;
            o.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            if (o.lastError != null) {
                lastError = o.lastError;
            }
        }
    }

    /** The measured phase's results. */
    record Result(double seconds, ClientStats stats, LagSampler lag, Map<String, Double> cpu, Backlog.State leftBehind,
                  double drainSeconds, Map<String, Object> cost) {
        double ticketsPerSecond() {
            return stats.finished / seconds;
        }
    }

    Result run(CpuWatch cpu, Backlog backlog) throws InterruptedException {
        return run(cpu, backlog, null);
    }

    /** As {@link #run(CpuWatch, Backlog)}; with {@code cost}, also counts what the measured tickets cost. */
    Result run(CpuWatch cpu, Backlog backlog, CostModel cost) throws InterruptedException {
        if (backlog != null) {
            backlog.drain(600_000, out, "before the warm-up");
        }
        LagSampler lag = new LagSampler(http, config.queryUrl(), config.lagIntervalMs(), config.lagTimeoutMs(),
                config.lagMaxPending());
        Thread sampler = new Thread(lag, "lag-sampler");
        sampler.setDaemon(true);
        sampler.start();
        if (config.warmup() > 0) {
            out.printf("warm-up: %d tickets, %d clients%n", config.warmup(), config.clients());
            Phase warm = new Phase(config.warmup(), lag, false);
            warm.run();
            out.printf(Locale.ROOT, "warm-up done: %d finished, %d failed in %.1f s (%.1f tickets/s)%n",
                    warm.total.finished, warm.total.failed, warm.seconds, warm.total.finished / warm.seconds);
            if (warm.total.lastError != null) {
                out.println("  last error: " + warm.total.lastError);
            }
        }
        if (backlog != null) {
            backlog.drain(600_000, out, "after the warm-up");
        }
        out.printf("measured: %d tickets, %d clients%s%n", config.tickets(), config.clients(),
                config.rate() > 0 ? String.format(Locale.ROOT, ", paced at %.1f tickets/s", config.rate()) : "");
        lag.recording(true);
        if (cost != null) {
            cost.begin();
        }
        cpu.begin();
        Phase measured = new Phase(config.tickets(), lag, true);
        measured.run();
        Map<String, Double> split = cpu.end(out);
        Backlog.State left = backlog == null ? null : backlog.now();
        lag.recording(false);
        lag.stop();
        sampler.join(config.lagTimeoutMs() + 15_000L);
        double drain = 0;
        if (backlog != null) {
            out.printf("left behind at the end: relay %d events, projection %d events (of %d stored)%n",
                    left.relayBehind(), left.projectionBehind(), left.events());
            drain = backlog.drain(600_000, out, "after the run");
        }
        Map<String, Object> costs = cost == null ? null
                : cost.end(measured.total.finished, measured.total.commands + measured.total.todoCalls, out);
        return new Result(measured.seconds, measured.total, lag, split, left, drain, costs);
    }

    /** One phase: a fixed number of tickets shared by the clients, bounded by maxTime. */
    private final class Phase {
        final int tickets;
        final LagSampler lag;
        final boolean measured;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicLong nextStart = new AtomicLong();
        final ClientStats total = new ClientStats();
        double seconds;

        Phase(int tickets, LagSampler lag, boolean measured) {
            this.tickets = tickets;
            this.lag = lag;
            this.measured = measured;
        }

        void run() throws InterruptedException {
            long started = System.nanoTime();
            long deadline = started + config.maxTime().toNanos();
            nextStart.set(started);
            List<Thread> threads = new ArrayList<>();
            List<ClientStats> stats = new ArrayList<>();
            for (int c = 0; c < config.clients(); c++) {
                ClientStats s = new ClientStats();
                stats.add(s);
                Thread t = new Thread(() -> client(s, deadline), "client-" + c);
                threads.add(t);
                t.start();
            }
            Thread progress = new Thread(() -> progress(started), "progress");
            progress.setDaemon(true);
            progress.start();
            for (Thread t : threads) {
                t.join();
            }
            progress.interrupt();
            seconds = (System.nanoTime() - started) / 1e9;
            stats.forEach(total::add);
            if (System.nanoTime() > deadline && next.get() < tickets) {
                out.printf("  stopped by --max-seconds after %d of %d tickets%n", done.get(), tickets);
            }
        }

        private void progress(long started) {
            int last = 0;
            long lastAt = started;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    return;
                }
                int now = done.get();
                long at = System.nanoTime();
                System.err.printf(Locale.ROOT, "  [%s %5.0f s] %d/%d tickets, %.1f tickets/s over the last 10 s%n",
                        measured ? "measured" : "warm-up", (at - started) / 1e9, now, tickets,
                        (now - last) / ((at - lastAt) / 1e9));
                last = now;
                lastAt = at;
            }
        }

        private void client(ClientStats s, long deadline) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (System.nanoTime() < deadline && next.getAndIncrement() < tickets) {
                if (config.rate() > 0) {
                    long slot = nextStart.getAndAdd((long) (1e9 / config.rate()));
                    long wait = slot - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                String creator = config.creators().get(random.nextInt(config.creators().size()));
                int days = 1 + random.nextInt(5);
                if (ticket(s, creator, days, random)) {
                    s.finished++;
                } else {
                    s.failed++;
                }
                done.incrementAndGet();
            }
        }

        /** One whole reference ticket ({@link ReferenceFlow}); false when a call failed (the ticket is abandoned). */
        private boolean ticket(ClientStats s, String creator, int days, ThreadLocalRandom random) {
            return ReferenceFlow.ticket(new Calls(s, random), config.workflow(), creator, days, random).finished();
        }

        /** The flow's calls: one command and one query URL, no retries; latencies, errors and lag samples. */
        private final class Calls implements ReferenceFlow.Calls {
            private final ClientStats s;
            private final ThreadLocalRandom random;

            Calls(ClientStats s, ThreadLocalRandom random) {
                this.s = s;
                this.random = random;
            }

            @Override
            public Http.Answer create(String creator, Map<String, Object> body) {
                s.commands++;
                return http.post(config.commandUrl(), "/tickets", creator, body);
            }

            @Override
            public Http.Answer act(String ticketId, String action, String user, Map<String, Object> body) {
                s.commands++;
                return http.post(config.commandUrl(), "/tickets/" + ticketId + "/" + action, user, body);
            }

            @Override
            public void todo(String user, String ticketId, long version) {
                Phase.this.todo(s, user, ticketId);
            }

            @Override
            public void accepted(String step, Http.Answer answer) {
                s.latencies.command(step, answer.micros());
            }

            @Override
            public void failed(String what, Http.Answer answer) {
                s.error(what, answer);
            }

            @Override
            public void unexpected(String errorKey, String message) {
                s.errors.merge(errorKey, 1L, Long::sum);
                s.lastError = message;
            }

            @Override
            public Runnable nextActor(String ticketId, String user, String lastCommand, Http.Answer answer) {
                if (measured && config.lagKinds().contains(lastCommand) && random.nextInt(config.lagEvery()) == 0) {
                    LagSampler.Sample sample = lag.offer(ticketId, user, lastCommand,
                            answer.json().path("version").asLong(), answer.doneNanos());
                    return sample == null ? null : sample::overtaken;
                }
                return null;
            }
        }

        private void todo(ClientStats s, String user, String ticketId) {
            Http.Answer a = http.get(config.queryUrl(), "/tickets/todo?limit=" + config.todoLimit(), user);
            if (!a.ok()) {
                s.error("todo", a);
                return;
            }
            s.latencies.record("todo", a.micros());
            s.todoCalls++;
            for (JsonNode item : a.json().path("items")) {
                if (ticketId.equals(item.path("ticketId").asText())) {
                    s.todoContained++;
                    break;
                }
            }
        }
    }
}
