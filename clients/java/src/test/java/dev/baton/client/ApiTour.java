package dev.baton.client;

import dev.baton.client.command.api.TicketsActApi;
import dev.baton.client.command.api.TicketsCreateApi;
import dev.baton.client.command.model.AcceptTicketRequest;
import dev.baton.client.command.model.CommandResult;
import dev.baton.client.command.model.CreateTicketRequest;
import dev.baton.client.command.model.HandleTicketRequest;
import dev.baton.client.config.api.WorkflowsApi;
import dev.baton.client.config.model.WorkflowDefinition;
import dev.baton.client.invoker.ApiException;
import dev.baton.client.notification.api.DeliveriesApi;
import dev.baton.client.query.api.ListsApi;
import dev.baton.client.query.api.TicketDetailAndHistoryApi;
import dev.baton.client.query.model.TicketDetail;

import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The API tour ({@code docs/api-tour.sh}) in Java, through the SDK: the demo leave-request from alice's request to the
 * ops pool's completion, against a running standalone.
 * <pre>
 * bin/baton-standalone &amp;
 * mvn -q -pl clients/java exec:java
 * </pre>
 * {@code BATON_PORT_BASE}, {@code BATON_DEMO_SECRET} and {@code BATON_ADMIN_SECRET} as the standalone was started
 * with (its defaults otherwise). {@code DemoFlowTest} runs it against a standalone of its own.
 */
public final class ApiTour {
    private final Baton demo;
    private final Baton admin;
    private final PrintStream out;

    ApiTour(Baton demo, Baton admin, PrintStream out) {
        this.demo = demo;
        this.admin = admin;
        this.out = out;
    }

    public static void main(String[] args) throws ApiException {
        Baton.Endpoints endpoints = Baton.Endpoints.portBase("127.0.0.1",
                Integer.parseInt(env("BATON_PORT_BASE", "8080")));
        new ApiTour(Baton.connect(endpoints, "demo-oa", env("BATON_DEMO_SECRET", "demo-oa-secret")),
                Baton.connect(endpoints, "admin-console", env("BATON_ADMIN_SECRET", "admin-console-demo-secret")),
                System.out).run();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private void step(String what) {
        out.println();
        out.println("== " + what);
    }

    private TicketDetail detail(String user, Written after) throws ApiException {
        return Calls.retrying(() -> demo.as(user).queries(TicketDetailAndHistoryApi::new)
                .detail(after.ticketId(), Long.toString(after.version()), "5000"));
    }

    private Written act(String user, String ticketId, HandleTicketRequest request) throws ApiException {
        CommandResult result = Calls.retrying(() -> demo.as(user).commands(TicketsActApi::new)
                .handle(ticketId, request, Calls.idempotencyKey()));
        return new Written(ticketId, result.getVersion());
    }

    /** Walks the tour; the ticket it finished. */
    Written run() throws ApiException {
        step("Workflows the demo caller may use (workflow-config)");
        Calls.retrying(() -> demo.as("alice").config(WorkflowsApi::new).listWorkflows())
                .forEach(w -> out.println(w.getKey() + ": " + w.getName() + ", version " + w.getLatestVersion()));

        step("The published leave-request workflow, as an admin exports it (the same document import accepts)");
        WorkflowDefinition leave = Calls.retrying(() -> admin.as("admin").config(WorkflowsApi::new)
                .export("leave-request", null));
        out.println("states: " + leave.getStates().stream().map(s -> s.getKey()).toList());
        leave.getTransitions().forEach(t -> out.println("  " + t.getFrom() + " -" + t.getKey() + "-> " + t.getTo()));

        step("alice asks for 5 days off: create and submit in one call (an idempotency key makes retries safe)");
        CreateTicketRequest request = new CreateTicketRequest().workflow("leave-request").title("Family trip")
                .fields(Map.of("days", 5, "reason", "family trip")).transition("submit");
        String key = Calls.idempotencyKey();
        TicketsCreateApi create = demo.as("alice").commands(TicketsCreateApi::new);
        CommandResult created = Calls.retrying(() -> create.createTicket(request, key));
        CommandResult retried = Calls.retrying(() -> create.createTicket(request, key));
        out.println(created.getSerialNo() + " " + created.getTicketId() + " at version " + created.getVersion()
                + "; retried with the same key: same ticket? "
                + (retried.getTicketId().equals(created.getTicketId()) ? "yes" : "NO"));
        Written ticket = new Written(created.getTicketId(), created.getVersion());

        step("lena (alice's department leader) sees it in her todo list (consistentWith waits for this write)");
        Calls.retrying(() -> demo.as("lena").queries(ListsApi::new).todo(ListsApi.APITodoRequest.newBuilder()
                .consistentWith(ticket.token()).build())).getItems()
                .forEach(t -> out.println(t.getSerialNo() + " " + t.getTitle() + " (" + t.getState().getName() + ")"));

        step("What lena may do now");
        TicketDetail forLena = detail("lena", ticket);
        out.println("state " + forLena.getState().getName() + "; fields " + forLena.getFields().stream()
                .map(f -> f.getKey() + "=" + f.getValue() + " (" + f.getAccess() + ")")
                .collect(Collectors.joining(", ")) + "; actions " + forLena.getActions());

        step("lena approves; more than 3 days routes to the directors, who must accept first");
        Written approved = act("lena", ticket.ticketId(),
                new HandleTicketRequest().transition("leader_approve").comment("enjoy"));
        out.println("assignment for dirk: " + detail("dirk", approved).getAssignment());

        step("dirk accepts, then approves");
        Calls.retrying(() -> demo.as("dirk").commands(TicketsActApi::new).accept(ticket.ticketId(),
                Calls.idempotencyKey(), new AcceptTicketRequest()));
        Written directed = act("dirk", ticket.ticketId(), new HandleTicketRequest().transition("director_approve"));

        step("ops: one of five accepts and completes");
        out.println("ops4's todo: " + Calls.retrying(() -> demo.as("ops4").queries(ListsApi::new)
                .todo(ListsApi.APITodoRequest.newBuilder().consistentWith(directed.token()).build())).getItems()
                .stream().map(t -> t.getSerialNo()).toList());
        Calls.retrying(() -> demo.as("ops4").commands(TicketsActApi::new).accept(ticket.ticketId(),
                Calls.idempotencyKey(), new AcceptTicketRequest()));
        Written done = act("ops4", ticket.ticketId(), new HandleTicketRequest().transition("complete")
                .fields(Map.of("ops_note", "HR system updated")));

        step("The flow log: every entry holds the full ticket after that action");
        Calls.retrying(() -> demo.as("alice").queries(TicketDetailAndHistoryApi::new)
                .flowLog(ticket.ticketId(), Long.toString(done.version()), "5000")).getEntries()
                .forEach(e -> out.println(e.getSeq() + " " + e.getAction() + " by " + e.getActor() + " -> "
                        + e.getSnapshot().getState().getKey() + " " + e.getSnapshot().getStatus()));

        step("The step bar");
        Calls.retrying(() -> demo.as("alice").queries(TicketDetailAndHistoryApi::new)
                .steps(ticket.ticketId(), null, null)).getSteps()
                .forEach(s -> out.println(s.getName() + ": " + s.getProgress()));

        step("What the ticket's people were told (none kept with the standalone's demo channel, which logs them)");
        out.println(Calls.retrying(() -> demo.as("alice").notifications(DeliveriesApi::new)
                .ticketDeliveries(ticket.ticketId())).size() + " deliveries");

        step("Refusals are problem+json with a stable code: the ticket is finished, and bob may not see it");
        try {
            act("bob", ticket.ticketId(), new HandleTicketRequest().transition("complete"));
        } catch (ApiException e) {
            out.println(Problem.of(e));
        }
        try {
            detail("bob", ticket);
        } catch (ApiException e) {
            out.println(Problem.of(e));
        }

        out.println();
        out.println("Tour complete: ticket " + ticket.ticketId() + " finished at version " + done.version() + ".");
        return done;
    }
}
