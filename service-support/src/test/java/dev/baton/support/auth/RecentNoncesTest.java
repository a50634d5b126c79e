package dev.baton.support.auth;

import dev.baton.support.auth.RecentNonces.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RecentNoncesTest {
    static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");
    static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(5));

    @Test
    void remembersAFreshNonceAndRefusesItAgainUntilItExpires() {
        RecentNonces nonces = new RecentNonces(10);

        assertThat(nonces.remember("portal", "n1", EXPIRES, NOW)).isEqualTo(Outcome.FRESH);
        assertThat(nonces.remember("portal", "n1", EXPIRES, NOW.plusSeconds(1))).isEqualTo(Outcome.SEEN);
        assertThat(nonces.remember("portal", "n1", EXPIRES, EXPIRES.minusMillis(1))).isEqualTo(Outcome.SEEN);
        assertThat(nonces.size()).isEqualTo(1);
    }

    @Test
    void theSameNonceOfAnotherAppIsADifferentNonce() {
        RecentNonces nonces = new RecentNonces(10);
        nonces.remember("portal", "n1", EXPIRES, NOW);

        assertThat(nonces.remember("desk", "n1", EXPIRES, NOW)).isEqualTo(Outcome.FRESH);
    }

    @Test
    void anExpiredNonceIsFreshAgainEvenBeforeTheSweepRemovesIt() {
        RecentNonces nonces = new RecentNonces(10);
        nonces.remember("portal", "n1", EXPIRES, NOW);

        Instant later = EXPIRES.plusSeconds(1);
        assertThat(nonces.remember("portal", "n1", later.plus(Duration.ofMinutes(5)), later)).isEqualTo(Outcome.FRESH);
        assertThat(nonces.size()).isEqualTo(1);
    }

    @Test
    void whenFullItRefusesToRememberMoreInsteadOfForgettingAnUnexpiredNonce() {
        RecentNonces nonces = new RecentNonces(2);
        nonces.remember("portal", "n1", EXPIRES, NOW);
        nonces.remember("portal", "n2", EXPIRES, NOW);

        assertThat(nonces.remember("portal", "n3", EXPIRES, NOW)).isEqualTo(Outcome.FULL);
        assertThat(nonces.remember("portal", "n1", EXPIRES, NOW)).as("still remembered").isEqualTo(Outcome.SEEN);
        assertThat(nonces.remember("portal", "n3", EXPIRES, NOW)).as("was not remembered").isEqualTo(Outcome.FULL);
        assertThat(nonces.size()).isEqualTo(2);
    }

    @Test
    void aFullCacheMakesRoomByDroppingExpiredNonces() {
        RecentNonces nonces = new RecentNonces(2);
        nonces.remember("portal", "n1", NOW.plusSeconds(10), NOW);
        nonces.remember("portal", "n2", EXPIRES, NOW);

        Instant afterN1Expired = NOW.plusSeconds(11);
        assertThat(nonces.remember("portal", "n3", EXPIRES, afterN1Expired)).isEqualTo(Outcome.FRESH);
        assertThat(nonces.remember("portal", "n2", EXPIRES, afterN1Expired)).isEqualTo(Outcome.SEEN);
        assertThat(nonces.size()).isEqualTo(2);
    }

    @Test
    void forgetExpiredDropsOnlyExpiredNonces() {
        RecentNonces nonces = new RecentNonces(10);
        nonces.remember("portal", "n1", NOW.plusSeconds(10), NOW);
        nonces.remember("portal", "n2", EXPIRES, NOW);

        assertThat(nonces.forgetExpired(NOW.plusSeconds(10))).isEqualTo(1);

        assertThat(nonces.size()).isEqualTo(1);
        assertThat(nonces.remember("portal", "n2", EXPIRES, NOW.plusSeconds(10))).isEqualTo(Outcome.SEEN);
    }

    @Test
    void aForgottenNonceMayBeUsedAgain() {
        RecentNonces nonces = new RecentNonces(1);
        nonces.remember("portal", "n1", EXPIRES, NOW);

        nonces.forget("portal", "n1", EXPIRES);

        assertThat(nonces.size()).isZero();
        assertThat(nonces.remember("portal", "n1", EXPIRES, NOW)).isEqualTo(Outcome.FRESH);
    }

    @Test
    void rejectsACapacityBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RecentNonces(0));
    }
}
