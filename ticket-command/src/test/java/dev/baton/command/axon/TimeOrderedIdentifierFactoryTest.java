package dev.baton.command.axon;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdentifierFactoryTest {
    @Test
    void axonFindsIt() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
    }

    @Test
    void identifiersAreVersion7UuidsCarryingTheirMillisecond() {
        UUID id = UUID.fromString(new TimeOrderedIdentifierFactory().generateIdentifier());
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(60_000L));
    }

    @Test
    void identifiersOfOneMillisecondAreAllDifferent() {
        TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(factory.next(1_700_000_000_000L));
        }
        assertThat(seen).hasSize(100_000);
    }

    @Test
    void laterMillisecondsSortAfterEarlierOnes() {
        TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory();
        UUID earlier = factory.next(1_700_000_000_000L);
        UUID later = factory.next(1_700_000_000_001L);
        assertThat(later.toString()).isGreaterThan(earlier.toString());
    }

    @Test
    void twoProcessesDrawDifferentRandomParts() {
        UUID a = new TimeOrderedIdentifierFactory().next(1L);
        UUID b = new TimeOrderedIdentifierFactory().next(1L);
        assertThat(a).isNotEqualTo(b);
    }
}
