package dev.baton.support.auth;

import dev.baton.support.BatonProperties.Nonces;
import dev.baton.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.util.Map;

import static dev.baton.support.auth.SignedEchoService.SKEW;
import static dev.baton.support.auth.SignedEchoService.newNonce;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A nonce is accepted once within its request's skew window: a replay is refused with 401 {@code replayed-request},
 * whichever instance of the service it reaches in shared mode, and without asking the database when it reaches the
 * same instance. Every instance here is a separate Spring context; those of one mode share one database. They all
 * stop together at the end: the contexts share Reactor Netty's global event loops, which the first to close disposes.
 */
class ReplayProtectionTest {
    static final TestDatabases.Database SHARED_DB = TestDatabases.create("nonce_shared");
    static final TestDatabases.Database LOCAL_DB = TestDatabases.create("nonce_local");
    static SignedEchoService sharedA;
    static SignedEchoService sharedB;
    static SignedEchoService localA;
    static SignedEchoService localB;
    /** Instances whose clock a test moves on, or whose memory a test fills. */
    static SignedEchoService timeTravelling;
    static SignedEchoService localForTwo;
    static SignedEchoService sharedForOne;

    @BeforeAll
    static void startInstances() {
        sharedA = SignedEchoService.start(SHARED_DB, Map.of());
        sharedB = SignedEchoService.start(SHARED_DB, Map.of());
        localA = SignedEchoService.start(LOCAL_DB, Map.of("baton.auth.nonces", "local"));
        localB = SignedEchoService.start(LOCAL_DB, Map.of("baton.auth.nonces", "local"));
        timeTravelling = SignedEchoService.start(SHARED_DB, Map.of());
        localForTwo = SignedEchoService.start(LOCAL_DB,
                Map.of("baton.auth.nonces", "local", "baton.auth.nonce-cache-size", 2));
        sharedForOne = SignedEchoService.start(SHARED_DB, Map.of("baton.auth.nonce-cache-size", 1));
    }

    @AfterAll
    static void stopInstances() {
        for (SignedEchoService instance : new SignedEchoService[] {
                sharedA, sharedB, localA, localB, timeTravelling, localForTwo, sharedForOne}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    void sharedIsTheDefaultMode() {
        assertThat(sharedA.nonces().mode()).isEqualTo(Nonces.SHARED);
        assertThat(localA.nonces().mode()).isEqualTo(Nonces.LOCAL);
    }

    @Test
    void aReplayToTheSameInstanceIsRefused() {
        String nonce = newNonce();
        Instant sentAt = sharedA.clock().instant();
        sharedA.whoami(nonce, sentAt).expectStatus().isOk().expectBody(String.class).isEqualTo("alice");

        expectReplayRefused(sharedA.whoami(nonce, sentAt));
    }

    @Test
    void aReplayToTheSameInstanceIsRefusedFromMemoryEvenWhenTheSharedTableLostTheNonce() {
        String nonce = newNonce();
        Instant sentAt = sharedA.clock().instant();
        sharedA.whoami(nonce, sentAt).expectStatus().isOk();
        // what a PostgreSQL crash does to the UNLOGGED table
        assertThat(sharedA.jdbc().update("DELETE FROM auth_nonce WHERE nonce = ?", nonce)).isEqualTo(1);

        expectReplayRefused(sharedA.whoami(nonce, sentAt));
        assertThat(rows(sharedA, nonce)).as("refused before the table was asked").isZero();
    }

    @Test
    void inSharedModeAReplayToAnotherInstanceIsRefused() {
        String nonce = newNonce();
        Instant sentAt = sharedA.clock().instant();
        sharedA.whoami(nonce, sentAt).expectStatus().isOk();

        expectReplayRefused(sharedB.whoami(nonce, sentAt));
        assertThat(rows(sharedA, nonce)).isEqualTo(1);
    }

    @Test
    void theSharedTableIsUnlogged() {
        assertThat(sharedA.jdbc().queryForObject(
                "SELECT relpersistence FROM pg_class WHERE oid = 'auth_nonce'::regclass", String.class))
                .isEqualTo("u");
    }

    @Test
    void inLocalModeAReplayToTheSameInstanceIsRefusedWithoutAnyDatabaseRow() {
        String nonce = newNonce();
        Instant sentAt = localA.clock().instant();
        localA.whoami(nonce, sentAt).expectStatus().isOk();

        expectReplayRefused(localA.whoami(nonce, sentAt));
        assertThat(rows(localA, nonce)).isZero();
    }

    @Test
    void inLocalModeAnotherInstanceDoesNotKnowTheNonceWhichIsWhyLocalIsForASingleInstanceOnly() {
        String nonce = newNonce();
        Instant sentAt = localA.clock().instant();
        localA.whoami(nonce, sentAt).expectStatus().isOk();

        localB.whoami(nonce, sentAt).expectStatus().isOk();
    }

    @Test
    void onceItsWindowHasPassedANonceIsForgottenAndItsOldRequestFailsTheTimestampCheckInstead() {
        SignedEchoService instance = timeTravelling;
        String nonce = newNonce();
        Instant sentAt = instance.clock().instant();
        instance.whoami(nonce, sentAt).expectStatus().isOk();
        assertThat(instance.nonces().remembered()).isEqualTo(1);

        instance.clock().advance(SKEW.plusSeconds(2));
        instance.nonces().forgetExpired();

        assertThat(instance.nonces().remembered()).isZero();
        assertThat(rows(instance, nonce)).isZero();
        expectUnauthenticated(instance.whoami(nonce, sentAt));
        // the nonce itself may come back with a new timestamp: without the secret nobody can sign that request
        instance.whoami(nonce).expectStatus().isOk();
    }

    @Test
    void inLocalModeAFullNonceMemoryRefusesRequestsWith503UntilNoncesExpire() {
        SignedEchoService instance = localForTwo;
        String first = newNonce();
        Instant sentAt = instance.clock().instant();
        instance.whoami(first, sentAt).expectStatus().isOk();
        instance.whoami(newNonce()).expectStatus().isOk();

        String third = newNonce();
        instance.whoami(third).expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("not-ready");
        expectReplayRefused(instance.whoami(first, sentAt));
        assertThat(instance.meters().get("baton.auth.nonces.full").counter().count()).isEqualTo(1);
        assertThat(instance.meters().get("baton.auth.nonces.remembered").gauge().value()).isEqualTo(2);
        assertThat(instance.meters().get("baton.auth.nonces.capacity").gauge().value()).isEqualTo(2);

        instance.clock().advance(SKEW.plusSeconds(2));
        instance.whoami(third).expectStatus().isOk();
    }

    @Test
    void inSharedModeAFullNonceMemoryLeavesTheReplayCheckToTheSharedTable() {
        SignedEchoService instance = sharedForOne;
        instance.whoami(newNonce()).expectStatus().isOk();
        String nonce = newNonce();
        Instant sentAt = instance.clock().instant();

        instance.whoami(nonce, sentAt).expectStatus().isOk();

        assertThat(instance.nonces().remembered()).isEqualTo(1);
        assertThat(rows(instance, nonce)).isEqualTo(1);
        expectReplayRefused(instance.whoami(nonce, sentAt));
    }

    private static void expectReplayRefused(WebTestClient.ResponseSpec response) {
        response.expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("replayed-request");
    }

    private static void expectUnauthenticated(WebTestClient.ResponseSpec response) {
        response.expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
    }

    private static int rows(SignedEchoService instance, String nonce) {
        return instance.jdbc().queryForObject("SELECT count(*) FROM auth_nonce WHERE nonce = ?", Integer.class, nonce);
    }
}
