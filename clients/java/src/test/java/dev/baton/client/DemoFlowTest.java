package dev.baton.client;

import dev.baton.client.command.api.TicketsActApi;
import dev.baton.client.command.api.TicketsCreateApi;
import dev.baton.client.command.model.AcceptTicketRequest;
import dev.baton.client.command.model.CommandResult;
import dev.baton.client.command.model.CommentRequest;
import dev.baton.client.command.model.CreateTicketRequest;
import dev.baton.client.command.model.HandleTicketRequest;
import dev.baton.client.invoker.ApiException;
import dev.baton.client.query.api.ListsApi;
import dev.baton.client.query.api.TicketDetailAndHistoryApi;
import dev.baton.client.query.model.TicketDetail;
import dev.baton.client.query.model.TicketSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
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

    static Written written(CommandResult result) {
        return new Written(result.getTicketId(), result.getVersion());
    }

    static TicketsActApi act(String user) {
        return baton.as(user).commands(TicketsActApi::new);
    }

    static TicketDetail detail(String user, Written after) throws ApiException {
        return Calls.retrying(() -> baton.as(user).queries(TicketDetailAndHistoryApi::new)
                .detail(after.ticketId(), Long.toString(after.version()), "5000"));
    }

    /** The user's todo list as it is once it shows {@code after}. */
    static List<String> todo(String user, Written after) throws ApiException {
        return Calls.retrying(() -> baton.as(user).queries(ListsApi::new).todo(ListsApi.APITodoRequest.newBuilder()
                .consistentWith(after.token()).limit(100).build())).getItems().stream()
                .map(TicketSummary::getTicketId).toList();
    }

    @Test
    void aLeaveRequestGoesFromAliceToLenaToTheOpsPoolAndEnds() throws Exception {
        TicketsCreateApi alice = baton.as("alice").commands(TicketsCreateApi::new);
        String key = Calls.idempotencyKey();
        CreateTicketRequest request = new CreateTicketRequest().workflow("leave-request").title("Two days off")
                .fields(Map.of("days", 2, "reason", "rest")).transition("submit").comment("please");
        Written created = written(Calls.retrying(() -> alice.createTicket(request, key)));
        Written again = written(Calls.retrying(() -> alice.createTicket(request, key)));
        assertThat(again).as("sent again under its key, the create is answered as the first time").isEqualTo(created);

        assertThat(detail("alice", created).getStatus()).isEqualTo(TicketDetail.StatusEnum.IN_PROGRESS);
        assertThat(todo("lena", created)).contains(created.ticketId());

        // lena decides on the version she saw; alice comments in between, so lena's first try meets a conflict and
        // is decided again on the version read then
        long seen = created.version();
        Written commented = written(act("alice").comment(created.ticketId(),
                new CommentRequest().comment("back on the 3rd"), Calls.idempotencyKey()));
        int[] tries = {0};
        Written approved = written(Calls.onConflict(
                () -> tries[0]++ == 0 ? seen : detail("lena", commented).getVersion(),
                version -> (Callable<CommandResult>) () -> act("lena").handle(created.ticketId(),
                        new HandleTicketRequest().transition("leader_approve").comment("ok").expectedVersion(version),
                        Calls.idempotencyKey())));
        assertThat(tries[0]).as("the stale version, then the one read again").isEqualTo(2);
        assertThat(approved.version()).isGreaterThan(commented.version());
        assertThat(todo("lena", approved)).doesNotContain(created.ticketId());
        assertThat(todo("ops3", approved)).contains(created.ticketId());

        Written accepted = written(Calls.retrying(() -> act("ops3").accept(created.ticketId(),
                Calls.idempotencyKey(), new AcceptTicketRequest())));
        Written done = written(Calls.retrying(() -> act("ops3").handle(created.ticketId(),
                new HandleTicketRequest().transition("complete").fields(Map.of("ops_note", "booked")),
                Calls.idempotencyKey())));
        assertThat(done.version()).isGreaterThan(accepted.version());

        TicketDetail finished = detail("alice", done);
        assertThat(finished.getStatus()).isEqualTo(TicketDetail.StatusEnum.FINISHED);
        assertThat(finished.getVersion()).isGreaterThanOrEqualTo(done.version());
        assertThat(todo("ops3", done)).doesNotContain(created.ticketId());
    }

    @Test
    void theApiTourRunsToTheEnd() throws Exception {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        Baton admin = Baton.connect(standalone.endpoints, RunningStandalone.ADMIN_APP, RunningStandalone.ADMIN_SECRET);
        Written done = new ApiTour(baton, admin, new java.io.PrintStream(printed, true, "UTF-8")).run();
        String tour = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(tour).contains("same ticket? yes", "leader_approval", "director_approve", "Tour complete");
        assertThat(tour.lines().filter(line -> line.matches("Problem\\[status=4\\d\\d, code=[a-z-]+, .*")))
                .as("the two refusals, each with its code").hasSize(2);
        assertThat(detail("alice", done).getStatus()).isEqualTo(TicketDetail.StatusEnum.FINISHED);
    }

    @Test
    void aRefusalIsAProblemWithBatonsCode() {
        assertThatThrownBy(() -> act("alice").handle("no-such-ticket", new HandleTicketRequest().transition("submit"),
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
        assertThatThrownBy(() -> forged.as("alice").queries(ListsApi::new)
                .todo(ListsApi.APITodoRequest.newBuilder().build()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(Problem.of(e).code())
                        .isEqualTo("unauthenticated"));
    }
}
