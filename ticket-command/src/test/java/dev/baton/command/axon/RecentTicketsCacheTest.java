package dev.baton.command.axon;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentTicketsCacheTest {

    @Test
    void keepsEntriesStronglyUntilTheCapacityIsExceeded() {
        RecentTicketsCache cache = new RecentTicketsCache(3);
        cache.put("t1", new Object());
        cache.put("t2", new Object());
        cache.put("t3", new Object());
        System.gc();

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.containsKey("t1")).isTrue();
    }

    @Test
    void dropsTheLeastRecentlyUsedTicketToMakeRoom() {
        RecentTicketsCache cache = new RecentTicketsCache(2);
        cache.put("t1", "one");
        cache.put("t2", "two");
        assertThat((String) cache.get("t1")).isEqualTo("one"); // t2 is now the least recently used

        cache.put("t3", "three");

        assertThat(cache.containsKey("t1")).isTrue();
        assertThat(cache.containsKey("t2")).isFalse();
        assertThat(cache.containsKey("t3")).isTrue();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void tellsListenersWhatHappensToEntries() {
        RecentTicketsCache cache = new RecentTicketsCache(1);
        List<String> seen = new ArrayList<>();
        Registration registration = cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                seen.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                seen.add("updated " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                seen.add("removed " + key);
            }

            @Override
            public void onEntryExpired(Object key) {
                seen.add("expired " + key);
            }
        });

        cache.put("t1", "a");
        cache.put("t1", "b");
        cache.put("t2", "c");
        cache.remove("t2");
        registration.cancel();
        cache.put("t3", "d");

        assertThat(seen).containsExactly("created t1", "updated t1", "expired t1", "created t2", "removed t2");
    }

    @Test
    void answersAxonsConditionalOperations() {
        RecentTicketsCache cache = new RecentTicketsCache(4);

        assertThat(cache.putIfAbsent("t1", "a")).isTrue();
        assertThat(cache.putIfAbsent("t1", "b")).isFalse();
        assertThat((String) cache.get("t1")).isEqualTo("a");
        assertThat(cache.<String>computeIfAbsent("t1", () -> "c")).isEqualTo("a");
        assertThat(cache.<String>computeIfAbsent("t2", () -> "d")).isEqualTo("d");

        cache.computeIfPresent("t2", (UnaryOperator<String>) v -> v + "!");
        cache.computeIfPresent("t9", (UnaryOperator<String>) v -> "never");
        assertThat((String) cache.get("t2")).isEqualTo("d!");
        assertThat(cache.containsKey("t9")).isFalse();

        cache.computeIfPresent("t2", (UnaryOperator<String>) v -> null);
        assertThat(cache.containsKey("t2")).isFalse();
        assertThat(cache.remove("t2")).isFalse();

        cache.removeAll();
        assertThat(cache.size()).isZero();
    }

    @Test
    void refusesACapacityBelowOne() {
        assertThatThrownBy(() -> new RecentTicketsCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
