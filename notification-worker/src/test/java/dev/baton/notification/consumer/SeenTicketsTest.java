package dev.baton.notification.consumer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A role skips a statement only for a ticket it knows keeps nothing; anything it does not know runs the statement. */
class SeenTicketsTest {
    @Test
    void anUnknownTicketMayKeepRowsAndAKnownOneSaysWhatItKeeps() {
        SeenTickets seen = new SeenTickets(10);
        assertThat(seen.mayKeepRows("t1")).isTrue();

        seen.keepsNothing("t1");
        assertThat(seen.mayKeepRows("t1")).isFalse();

        seen.keepsRows("t1");
        assertThat(seen.mayKeepRows("t1")).isTrue();

        seen.keepsNothing("t1");
        seen.forget("t1");
        assertThat(seen.mayKeepRows("t1")).isTrue();
    }

    @Test
    void beyondItsCapacityTheLeastRecentlySeenTicketIsForgottenSoItsStatementRunsAgain() {
        SeenTickets seen = new SeenTickets(2);
        seen.keepsNothing("t1");
        seen.keepsNothing("t2");
        assertThat(seen.mayKeepRows("t1")).isFalse(); // t1 is now the most recently seen

        seen.keepsNothing("t3");

        assertThat(seen.size()).isEqualTo(2);
        assertThat(seen.mayKeepRows("t2")).as("forgotten: unknown again").isTrue();
        assertThat(seen.mayKeepRows("t1")).isFalse();
        assertThat(seen.mayKeepRows("t3")).isFalse();
    }

    @Test
    void everyPartitionMoveForgetsEverythingInEveryMemory() {
        SeenTickets seen = new SeenTickets(10);
        SeenTickets other = new SeenTickets(10);
        var rebalance = SeenTickets.forgetOnRebalance(seen, other);
        seen.keepsNothing("t1");
        other.keepsNothing("t2");
        rebalance.onPartitionsAssigned(null, List.of());
        assertThat(other.mayKeepRows("t2")).isTrue();
        assertThat(seen.mayKeepRows("t1")).isTrue();

        seen.keepsNothing("t1");
        rebalance.onPartitionsRevokedBeforeCommit(null, List.of());
        assertThat(seen.mayKeepRows("t1")).isTrue();

        seen.keepsNothing("t1");
        rebalance.onPartitionsLost(null, List.of());
        assertThat(seen.mayKeepRows("t1")).isTrue();
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new SeenTickets(0)).hasMessageContaining("at least 1");
    }
}
