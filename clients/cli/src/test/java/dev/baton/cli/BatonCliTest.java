package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.client.Baton;
import dev.baton.client.Calls;
import dev.baton.client.RunningStandalone;
import dev.baton.client.command.api.TicketsCreateApi;
import dev.baton.client.command.model.CreateTicketRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code baton} command line against a running standalone, as an admin's script or a CI pipeline runs it. */
class BatonCliTest {
    static RunningStandalone standalone;

    @BeforeAll
    static void start() throws Exception {
        standalone = RunningStandalone.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (standalone != null) {
            standalone.close();
        }
    }

    record Run(int status, String out, String err) {
        JsonNode json() throws Exception {
            return BatonCli.JSON.readTree(out);
        }
    }

    static Run baton(String app, String secret, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> line = new ArrayList<>(List.of(
                "--config-url", standalone.endpoints.workflowConfig().toString(),
                "--command-url", standalone.endpoints.ticketCommand().toString(),
                "--query-url", standalone.endpoints.ticketQuery().toString(),
                "--notification-url", standalone.endpoints.notificationWorker().toString()));
        if (app != null) {
            line.addAll(List.of("--app", app, "--secret", secret));
        }
        line.addAll(List.of(args));
        int status = BatonCli.run(new PrintWriter(out, true), new PrintWriter(err, true), line.toArray(String[]::new));
        return new Run(status, out.toString(), err.toString());
    }

    static Run admin(String... args) {
        return baton(RunningStandalone.ADMIN_APP, RunningStandalone.ADMIN_SECRET, args);
    }

    static Run demo(String... args) {
        return baton(RunningStandalone.DEMO_APP, RunningStandalone.DEMO_SECRET, args);
    }

    @Test
    void aWorkflowGoesOutToAFileIsValidatedOfflineAndComesBackAsANewWorkflow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("leave.json");
        Run exported = admin("workflow", "export", "leave-request", "-o", file.toString());
        assertThat(exported.status()).as(exported.err()).isZero();
        assertThat(Files.readString(file)).contains("\"key\" : \"leave-request\"");

        Run valid = baton(null, null, "workflow", "validate", file.toString());
        assertThat(valid.status()).as(valid.err()).isZero();
        assertThat(valid.out()).contains("is valid");

        ObjectNode copy = (ObjectNode) BatonCli.JSON.readTree(file.toFile());
        copy.put("key", "leave-copy");
        copy.put("name", "Leave (copy)");
        Path copied = dir.resolve("copy.json");
        Files.writeString(copied, BatonCli.JSON.writeValueAsString(copy));
        Run imported = admin("workflow", "import", copied.toString(), "--publish");
        assertThat(imported.status()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("leave-copy");
        assertThat(admin("workflow", "list").json().findValuesAsText("key")).contains("leave-request", "leave-copy");
    }

    @Test
    void anInvalidOrUnreadableFileIsRefusedWithEveryProblem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("leave.json");
        assertThat(admin("workflow", "export", "leave-request", "-o", file.toString()).status()).isZero();
        ObjectNode broken = (ObjectNode) BatonCli.JSON.readTree(file.toFile());
        broken.put("key", "Not A Key");
        ((ObjectNode) broken.get("transitions").get(0)).put("to", "nowhere");
        Path invalid = dir.resolve("invalid.json");
        Files.writeString(invalid, BatonCli.JSON.writeValueAsString(broken));
        Run refused = baton(null, null, "workflow", "validate", invalid.toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("Not A Key").contains("nowhere");

        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "{\"key\": \"x\", \"colour\": 1}");
        Run unreadable = baton(null, null, "workflow", "validate", garbage.toString());
        assertThat(unreadable.status()).isEqualTo(1);
        assertThat(unreadable.err()).contains("not a workflow definition").contains("colour");
        assertThat(baton(null, null, "workflow", "validate", dir.resolve("missing.json").toString()).status())
                .isEqualTo(1);
    }

    @Test
    void aDryRunShowsThePathWithoutCreatingATicket() throws Exception {
        Run run = demo("--user", "alice", "workflow", "dry-run", "leave-request", "--field", "days=5",
                "--field", "reason=rest");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode path = run.json();
        assertThat(path.get("reachesEnd").asBoolean()).isTrue();
        assertThat(path.get("steps").size()).isGreaterThan(2);
    }

    @Test
    void ticketsAreListedAndShownAsTheUserSeesThem() throws Exception {
        Baton baton = Baton.connect(standalone.endpoints, RunningStandalone.DEMO_APP, RunningStandalone.DEMO_SECRET);
        String ticketId = Calls.retrying(() -> baton.as("alice").commands(TicketsCreateApi::new).createTicket(
                new CreateTicketRequest().workflow("leave-request").title("CLI leave")
                        .fields(Map.of("days", 1, "reason", "rest")).transition("submit"),
                Calls.idempotencyKey())).getTicketId();

        JsonNode todo = null;
        for (int i = 0; i < 50 && (todo == null || !todo.toString().contains(ticketId)); i++) {
            Thread.sleep(100);
            todo = demo("--user", "lena", "tickets", "list", "todo").json();
        }
        assertThat(todo.findValuesAsText("ticketId")).contains(ticketId);
        JsonNode detail = demo("--user", "alice", "tickets", "show", ticketId).json();
        assertThat(detail.get("title").asText()).isEqualTo("CLI leave");
        JsonNode history = demo("--user", "alice", "tickets", "show", ticketId, "--history").json();
        assertThat(history.toString()).contains("\"actor\"");
        Run unknownList = demo("tickets", "list", "favourites");
        assertThat(unknownList.status()).isEqualTo(1);
        assertThat(unknownList.err()).contains("favourites");
    }

    @Test
    void deadDeliveriesAndHooksAreForAdminApplications() throws Exception {
        assertThat(admin("deliveries", "dead").json().isArray()).isTrue();
        assertThat(admin("hooks", "dead").json().isArray()).isTrue();
        Run notAdmin = demo("hooks", "dead");
        assertThat(notAdmin.status()).isEqualTo(1);
        assertThat(notAdmin.err()).contains("refused (403");
        Run unknown = admin("deliveries", "retry", "no-such-delivery");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("refused (404");
    }

    @Test
    void withoutACallerApplicationItSaysWhatIsMissing() {
        Run run = baton(null, null, "workflow", "list");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--app and --secret");
    }
}
