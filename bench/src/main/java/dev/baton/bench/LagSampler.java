package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Command-to-todo lag: from the moment a command's answer arrived to the moment the ticket is first seen in the next
 * participant's todo list. One thread polls, every {@code interval}, the todo list (limit 100) of each user that has a
 * pending sample, all users in parallel, one request per user at a time; the lag is taken at the arrival of the
 * first answer that lists the ticket (so it includes up to one todo request, an upper bound by at most one poll
 * interval plus one request). Bounded: at most {@code maxPending} samples in flight (more are skipped and
 * counted), each given up after {@code timeout}. The benchmark client does not wait for the sampler: it may act on
 * the ticket again before the sampler saw it (the ticket is then in the list for less than one poll, or the
 * projection lags and it appears late). For such "overtaken" samples the sampler also polls the ticket's detail as
 * the same user: the projector writes the ticket row and the todo flags in one transaction, so the first detail
 * answer at or past the command's version marks the same moment with the same precision ("via detail").
 */
final class LagSampler implements Runnable {
    static final class Sample {
        final String ticketId;
        final String user;
        final String kind;
        final long version;
        final long commandDoneNanos;
        volatile long overtakenNanos;

        Sample(String ticketId, String user, String kind, long version, long commandDoneNanos) {
            this.ticketId = ticketId;
            this.user = user;
            this.kind = kind;
            this.version = version;
            this.commandDoneNanos = commandDoneNanos;
        }

        /** The benchmark client sent its next command on this ticket. */
        void overtaken() {
            if (overtakenNanos == 0) {
                overtakenNanos = System.nanoTime();
            }
        }
    }

    private static final boolean DEBUG = Boolean.getBoolean("bench.lag.debug");
    private final Http http;
    private final String queryUrl;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final int maxPending;
    private final ConcurrentLinkedQueue<Sample> incoming = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Latencies lag = new Latencies();
    private volatile boolean stopping;
    private volatile boolean recording;
    int skipped;
    int timedOut;
    int overtaken;
    int viaDetail;
    int errors;
    long polls;

    LagSampler(Http http, String queryUrl, long intervalMillis, long timeoutMillis, int maxPending) {
        this.http = http;
        this.queryUrl = queryUrl;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.maxPending = maxPending;
    }

    void recording(boolean on) {
        recording = on;
    }

    /** Starts measuring a command whose answer arrived at {@code doneNanos}; null when not sampled. */
    Sample offer(String ticketId, String user, String kind, long version, long doneNanos) {
        if (!recording) {
            return null;
        }
        if (inFlight.incrementAndGet() > maxPending) {
            inFlight.decrementAndGet();
            synchronized (this) {
                skipped++;
            }
            return null;
        }
        Sample s = new Sample(ticketId, user, kind, version, doneNanos);
        incoming.add(s);
        return s;
    }

    /** Stops after the pending samples are resolved (each bounded by the timeout). */
    void stop() {
        stopping = true;
    }

    synchronized Latencies results() {
        return lag;
    }

    @Override
    public void run() {
        Map<String, List<Sample>> pending = new HashMap<>();
        while (!(stopping && pending.isEmpty() && incoming.isEmpty())) {
            long tick = System.nanoTime();
            for (Sample s; (s = incoming.poll()) != null; ) {
                pending.computeIfAbsent(s.user, u -> new ArrayList<>()).add(s);
            }
            if (pending.isEmpty()) {
                LockSupport.parkNanos(Math.min(intervalNanos, 1_000_000));
                continue;
            }
            Map<String, CompletableFuture<Http.Answer>> requests = new HashMap<>();
            for (String user : pending.keySet()) {
                requests.put(user, http.getAsync(queryUrl, "/tickets/todo?limit=100", user));
            }
            Map<Sample, CompletableFuture<Http.Answer>> details = new HashMap<>();
            for (List<Sample> samples : pending.values()) {
                for (Sample s : samples) {
                    if (s.overtakenNanos != 0) {
                        details.put(s, http.getAsync(queryUrl, "/tickets/" + s.ticketId, s.user));
                    }
                }
            }
            for (Map.Entry<String, CompletableFuture<Http.Answer>> e : requests.entrySet()) {
                Http.Answer a;
                try {
                    a = e.getValue().get(10, TimeUnit.SECONDS);
                } catch (Exception ex) {
                    synchronized (this) {
                        errors++;
                    }
                    continue;
                }
                synchronized (this) {
                    polls++;
                }
                if (!a.ok()) {
                    synchronized (this) {
                        errors++;
                    }
                    continue;
                }
                Set<String> ids = new HashSet<>();
                for (JsonNode item : a.json().path("items")) {
                    ids.add(item.path("ticketId").asText());
                }
                List<Sample> samples = pending.get(e.getKey());
                for (Iterator<Sample> it = samples.iterator(); it.hasNext(); ) {
                    Sample s = it.next();
                    if (ids.contains(s.ticketId) && a.doneNanos() > s.commandDoneNanos) {
                        synchronized (this) {
                            lag.record(s.kind, (a.doneNanos() - s.commandDoneNanos) / 1_000);
                            lag.record("all", (a.doneNanos() - s.commandDoneNanos) / 1_000);
                        }
                        it.remove();
                        inFlight.decrementAndGet();
                    }
                }
            }
            // Overtaken samples: the projection applies the ticket row and the todo flags in one transaction, so
            // the first detail answer at or past the command's version marks the same moment, within one poll.
            for (Map.Entry<Sample, CompletableFuture<Http.Answer>> e : details.entrySet()) {
                Sample s = e.getKey();
                List<Sample> samples = pending.get(s.user);
                if (samples == null || !samples.contains(s)) {
                    continue;
                }
                Http.Answer a;
                try {
                    a = e.getValue().get(10, TimeUnit.SECONDS);
                } catch (Exception ex) {
                    continue;
                }
                if (a.ok() && a.json().path("version").asLong(-1) >= s.version) {
                    synchronized (this) {
                        polls++;
                        viaDetail++;
                        lag.record(s.kind, (a.doneNanos() - s.commandDoneNanos) / 1_000);
                        lag.record("all", (a.doneNanos() - s.commandDoneNanos) / 1_000);
                    }
                    samples.remove(s);
                    inFlight.decrementAndGet();
                } else {
                    synchronized (this) {
                        polls++;
                    }
                }
            }
            long now = System.nanoTime();
            for (Iterator<List<Sample>> lists = pending.values().iterator(); lists.hasNext(); ) {
                List<Sample> samples = lists.next();
                for (Iterator<Sample> it = samples.iterator(); it.hasNext(); ) {
                    Sample s = it.next();
                    if (now - s.commandDoneNanos > timeoutNanos) {
                        if (DEBUG) {
                            System.err.printf("lag sample given up: ticket %s user %s after %s, overtaken %s%n", s.ticketId,
                                    s.user, s.kind, s.overtakenNanos != 0);
                        }
                        synchronized (this) {
                            if (s.overtakenNanos != 0) {
                                overtaken++;
                            } else {
                                timedOut++;
                            }
                        }
                        it.remove();
                        inFlight.decrementAndGet();
                    }
                }
                if (samples.isEmpty()) {
                    lists.remove();
                }
            }
            long sleep = intervalNanos - (System.nanoTime() - tick);
            if (sleep > 0) {
                LockSupport.parkNanos(sleep);
            }
        }
    }
}
