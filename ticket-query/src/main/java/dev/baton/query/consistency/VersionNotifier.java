package dev.baton.query.consistency;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells waiting requests that the projection committed a ticket's new version. In memory and per instance: a
 * waiter also re-checks the database when it starts, so a commit just before it registered is not missed.
 */
@Component
public class VersionNotifier {
    private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();

    private record Waiter(long minVersion, MonoSink<Long> sink) {
    }

    /** Completes with the version once the projection has committed version {@code minVersion} or later. */
    public Mono<Long> reached(String ticketId, long minVersion) {
        return Mono.create(sink -> {
            Waiter waiter = new Waiter(minVersion, sink);
            waiters.computeIfAbsent(ticketId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
            sink.onDispose(() -> forget(ticketId, waiter));
        });
    }

    /** Called after the projection committed {@code version} of the ticket. */
    public void projected(String ticketId, long version) {
        Set<Waiter> pending = waiters.get(ticketId);
        if (pending == null) {
            return;
        }
        for (Waiter waiter : pending) {
            if (version >= waiter.minVersion()) {
                waiter.sink().success(version);
            }
        }
    }

    /** How many requests are waiting (for metrics and tests). */
    public int waiting() {
        return waiters.values().stream().mapToInt(Set::size).sum();
    }

    private void forget(String ticketId, Waiter waiter) {
        waiters.computeIfPresent(ticketId, (id, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
    }
}
