package dev.baton.client;

import dev.baton.client.command.api.TicketCommandControllerApi;
import dev.baton.client.command.model.Accept;
import dev.baton.client.command.model.Create;
import dev.baton.client.command.model.Handle;
import dev.baton.client.invoker.ApiException;
import dev.baton.client.query.api.TicketDetailControllerApi;
import dev.baton.client.query.api.TicketListControllerApi;
import dev.baton.client.query.model.TicketDetail;
import dev.baton.client.query.model.TicketSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The demo flow (leave-request: alice asks, lena approves, the ops pool books it) through the Java SDK against a
 * running standalone: signed requests, an idempotent create, a command decided again after a conflict, and reads
 * that wait for the caller's own writes.
 */
class DemoFlowTest {
    static RunningStandalone standalone;
    static Baton baton;

    @BeforeAll
    static void start() throws Exception {
        standalone = RunningStandalone.start();
        baton = Baton.connect(standalone.endpoints, RunningStandalone.DEMO_APP, RunningStandalone.DEMO_SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        if (standalone != null) {
            standalone.close();
        }
    }

    static Written written(Object result) {
        Map<?, ?> answer = (Map<?, ?>) result;
        return new Written((String) answer.get("ticketId"), ((Number) answer.get("version")).longValue());
    }

    static TicketDetail detail(String user, Written after) throws ApiException {
        return Calls.retrying(() -> baton.as(user).queries(TicketDetailControllerApi::new)
                .detail(after.ticketId(), Long.toString(after.version()), "5000"));
    }

    /** The user's todo list once it shows the ticket (or no longer shows it), read until it does. */
    static boolean inTodo(String user, String ticketId, boolean expected) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            boolean listed = baton.as(user).queries(TicketListControllerApi::new).todo().getItems().stream()
                    .map(TicketSummary::getTicketId).anyMatch(ticketId::equals);
            if (listed == expected || Instant.now().isAfter(until)) {
                return listed;
            }
            Thread.sleep(100);
        }
    }

    @Test
    void aLeaveRequestGoesFromAliceToLenaToTheOpsPoolAndEnds() throws Exception {
        TicketCommandControllerApi alice = baton.as("alice").commands(TicketCommandControllerApi::new);
        String key = Calls.idempotencyKey();
        Create request = new Create().workflow("leave-request").title("Two days off")
                .fields(Map.of("days", 2, "reason", "rest")).transition("submit").comment("please");
        Written created = written(Calls.retrying(() -> alice.create(request, key)));
        Written again = written(Calls.retrying(() -> alice.create(request, key)));
        assertThat(again).as("sent again under its key, the create is answered as the first time").isEqualTo(created);

        assertThat(detail("alice", created).getStatus()).isEqualTo(TicketDetail.StatusEnum.IN_PROGRESS);
        assertThat(inTodo("lena", created.ticketId(), true)).isTrue();

        // lena decides on the version she saw; alice comments in between, so lena's first try meets a conflict and
        // is decided again on the version read then
        TicketCommandControllerApi lena = baton.as("lena").commands(TicketCommandControllerApi::new);
        long seen = created.version();
        Written commented = written(alice.comment(created.ticketId(),
                new dev.baton.client.command.model.Comment().comment("back on the 3rd"), Calls.idempotencyKey()));
        int[] tries = {0};
        Written approved = written(Calls.onConflict(
                () -> tries[0]++ == 0 ? seen : detail("lena", commented).getVersion(),
                version -> (Callable<Object>) () -> lena.handle(created.ticketId(),
                        new Handle().transition("leader_approve").comment("ok").expectedVersion(version),
                        Calls.idempotencyKey())));
        assertThat(tries[0]).as("the stale version, then the one read again").isEqualTo(2);
        assertThat(approved.version()).isGreaterThan(commented.version());

        TicketCommandControllerApi ops3 = baton.as("ops3").commands(TicketCommandControllerApi::new);
        Written accepted = written(Calls.retrying(() -> ops3.accept(created.ticketId(), Calls.idempotencyKey(),
                new Accept())));
        Written done = written(Calls.retrying(() -> ops3.handle(created.ticketId(),
                new Handle().transition("complete").fields(Map.of("ops_note", "booked")), Calls.idempotencyKey())));
        assertThat(done.version()).isGreaterThan(accepted.version());

        TicketDetail finished = detail("alice", done);
        assertThat(finished.getStatus()).isEqualTo(TicketDetail.StatusEnum.FINISHED);
        assertThat(finished.getVersion()).isGreaterThanOrEqualTo(done.version());
        assertThat(inTodo("ops3", created.ticketId(), false)).isFalse();
    }

    @Test
    void aRefusalIsAProblemWithBatonsCode() {
        TicketCommandControllerApi alice = baton.as("alice").commands(TicketCommandControllerApi::new);
        assertThatThrownBy(() -> alice.handle("no-such-ticket", new Handle().transition("submit"),
                Calls.idempotencyKey()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    Problem problem = Problem.of(e);
                    assertThat(problem.status()).isEqualTo(404);
                    assertThat(problem.code()).isEqualTo("ticket-not-found");
                });
    }

    @Test
    void aRequestSignedWithAnotherSecretIsRefused() {
        Baton forged = Baton.connect(standalone.endpoints, RunningStandalone.DEMO_APP, "not-the-secret");
        assertThatThrownBy(() -> forged.as("alice").queries(TicketListControllerApi::new).todo())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(Problem.of(e).status()).isEqualTo(401));
    }
}
