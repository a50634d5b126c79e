package dev.baton.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /tickets/todo?limit=N} for random users (e.g. the seeded ones), from a few concurrent clients: the
 * latency of the todo list with a big projection. The first {@code warmup} requests are not recorded.
 */
final class TodoBenchmark {
    record Config(String queryUrl, List<String> users, int clients, int requests, int warmup, int limit) {
    }

    record Result(double seconds, Latencies latencies, long errors, long items, String lastError,
                  Map<String, Double> cpu) {
    }

    /** Users from "name" or "pattern:from-to" items, e.g. {@code su%04d:1-1820,slead%03d:1-100}. */
    static List<String> users(List<String> spec) {
        List<String> users = new ArrayList<>();
        for (String item : spec) {
            int colon = item.lastIndexOf(':');
            if (colon < 0 || !item.contains("%")) {
                users.add(item);
                continue;
            }
            String[] range = item.substring(colon + 1).split("-");
            for (int i = Integer.parseInt(range[0]); i <= Integer.parseInt(range[1]); i++) {
                users.add(String.format(Locale.ROOT, item.substring(0, colon), i));
            }
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("--users names no user");
        }
        return users;
    }

    /** {@code cpu} is measured over the recorded requests only (from the first request after the warm-up). */
    static Result run(Config config, Http http, CpuWatch cpu, PrintStream out) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Latencies> perClient = new ArrayList<>();
        long[] errors = new long[config.clients()];
        long[] items = new long[config.clients()];
        String[] lastError = new String[1];
        List<Thread> threads = new ArrayList<>();
        long[] measuredFrom = {0};
        long started = System.nanoTime();
        for (int c = 0; c < config.clients(); c++) {
            Latencies l = new Latencies();
            perClient.add(l);
            int client = c;
            Thread t = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int n; (n = next.getAndIncrement()) < config.warmup() + config.requests(); ) {
                    if (n == config.warmup()) {
                        measuredFrom[0] = System.nanoTime();
                        cpu.begin();
                    }
                    String user = config.users().get(random.nextInt(config.users().size()));
                    Http.Answer a = http.get(config.queryUrl(), "/tickets/todo?limit=" + config.limit(), user);
                    if (!a.ok()) {
                        errors[client]++;
                        lastError[0] = user + " -> " + a.status() + " " + a.text();
                        continue;
                    }
                    if (n >= config.warmup()) {
                        l.record("todo", a.micros());
                        items[client] += a.json().path("items").size();
                    }
                }
            }, "todo-client-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        Latencies all = new Latencies();
        perClient.forEach(all::add);
        Map<String, Double> split = cpu.end(out);
        long from = measuredFrom[0] == 0 ? started : measuredFrom[0];
        long errorSum = 0;
        long itemSum = 0;
        for (int c = 0; c < config.clients(); c++) {
            errorSum += errors[c];
            itemSum += items[c];
        }
        return new Result((System.nanoTime() - from) / 1e9, all, errorSum, itemSum, lastError[0], split);
    }
}
