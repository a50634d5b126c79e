package dev.baton.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.baton.client.Baton;
import dev.baton.client.Calls;
import dev.baton.client.Problem;
import dev.baton.client.command.model.DryRunRequest;
import dev.baton.client.config.api.WorkflowsApi;
import dev.baton.client.config.model.WorkflowDefinition;
import dev.baton.client.invoker.ApiException;
import dev.baton.client.notification.api.DeliveriesApi;
import dev.baton.client.notification.api.HooksApi;
import dev.baton.client.query.api.ListsApi;
import dev.baton.client.query.api.TicketDetailAndHistoryApi;
import dev.baton.engine.DefinitionValidator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code baton}: the command line for admins and CI pipelines, on the Java SDK. Answers are printed as JSON; a
 * refusal prints Baton's problem on standard error and exits 1, a usage error exits 2.
 * <pre>
 * baton workflow validate leave.json          (offline: every problem the server would report, but the directory's)
 * baton workflow import leave.json --publish
 * baton workflow export leave-request --version 3 -o leave.json
 * baton workflow dry-run leave-request --creator alice --field days=5
 * baton tickets todo --user lena
 * baton tickets show 6f1c…
 * baton deliveries dead | baton deliveries retry &lt;id&gt; | baton hooks dead | baton hooks retry &lt;id&gt;
 * </pre>
 * Where Baton is and who calls: {@code --url http://host} with {@code --port-base 8080} (the services on the next four
 * ports, as the standalone lays them out) or one {@code --config-url}, {@code --command-url}, {@code --query-url},
 * {@code --notification-url} each; {@code --app} and {@code --secret} (or {@code BATON_APP}, {@code BATON_SECRET});
 * {@code --user} (or {@code BATON_USER}) for whom it acts.
 */
@Command(name = "baton", mixinStandardHelpOptions = true, version = "baton 0.1.0",
        description = "Baton's command line: workflows, tickets, dead deliveries and hooks.",
        subcommands = {BatonCli.Workflow.class, BatonCli.Tickets.class, BatonCli.Deliveries.class,
                BatonCli.Hooks.class})
public final class BatonCli {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Option(names = "--url", defaultValue = "${env:BATON_URL:-http://127.0.0.1}",
            description = "Baton's host, with --port-base (default: ${DEFAULT-VALUE})")
    String url;
    @Option(names = "--port-base", defaultValue = "${env:BATON_PORT_BASE:-8080}",
            description = "the services answer on the four ports after it (default: ${DEFAULT-VALUE})")
    int portBase;
    @Option(names = "--config-url", description = "workflow-config's address, instead of --url/--port-base")
    URI configUrl;
    @Option(names = "--command-url", description = "ticket-command's address")
    URI commandUrl;
    @Option(names = "--query-url", description = "ticket-query's address")
    URI queryUrl;
    @Option(names = "--notification-url", description = "notification-worker's address")
    URI notificationUrl;
    @Option(names = "--app", defaultValue = "${env:BATON_APP}", description = "the caller application's id")
    String app;
    @Option(names = "--secret", defaultValue = "${env:BATON_SECRET}",
            description = "the caller application's secret (better: BATON_SECRET)")
    String secret;
    @Option(names = "--user", defaultValue = "${env:BATON_USER:-admin}",
            description = "the user the requests act for (default: ${DEFAULT-VALUE})")
    String user;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    PrintWriter out;
    PrintWriter err;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line, printing to {@code out} and {@code err}; its exit status. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        BatonCli cli = new BatonCli();
        cli.out = out;
        cli.err = err;
        CommandLine line = new CommandLine(cli).setOut(out).setErr(err);
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof ApiException refused) {
                Problem problem = Problem.of(refused);
                err.println("baton: refused (" + problem.status() + (problem.code().isEmpty() ? "" : " "
                        + problem.code()) + "): " + problem.detail());
                return 1;
            }
            if (e instanceof IOException || e instanceof IllegalArgumentException) {
                err.println("baton: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return line.execute(args);
    }

    Baton.Session session() {
        if (app == null || app.isBlank() || secret == null || secret.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Expected a caller application: --app and --secret, or BATON_APP and BATON_SECRET");
        }
        Baton.Endpoints around = Baton.Endpoints.portBase(URI.create(url).getHost(), portBase);
        return Baton.connect(new Baton.Endpoints(configUrl != null ? configUrl : around.workflowConfig(),
                commandUrl != null ? commandUrl : around.ticketCommand(),
                queryUrl != null ? queryUrl : around.ticketQuery(),
                notificationUrl != null ? notificationUrl : around.notificationWorker()), app, secret).as(user);
    }

    int print(Object answer) throws IOException {
        out.println(JSON.writeValueAsString(answer));
        return 0;
    }

    @Command(name = "workflow", description = "Validate, import, publish, export and dry-run workflows.",
            subcommands = {Workflow.Validate.class, Workflow.Import.class, Workflow.Publish.class,
                    Workflow.Export.class, Workflow.ListAll.class, Workflow.DryRun.class})
    static final class Workflow {
        @ParentCommand
        BatonCli cli;

        /** A workflow definition file, read strictly: an unknown property is an error, as the server reads it. */
        static String read(Path file) throws IOException {
            if (!Files.isRegularFile(file)) {
                throw new IOException("Expected a workflow definition file at " + file + ", but there is none");
            }
            return Files.readString(file);
        }

        @Command(name = "validate", description = "Check a definition file offline: exit 0 when valid, 1 with "
                + "every problem otherwise (the checks against the directory are left to the server).")
        static final class Validate implements Callable<Integer> {
            @ParentCommand
            Workflow workflow;
            @Parameters(paramLabel = "FILE")
            Path file;

            @Override
            public Integer call() throws IOException {
                dev.baton.api.workflow.WorkflowDefinition definition;
                try {
                    definition = dev.baton.engine.BatonJson.mapper().copy()
                            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                            .readValue(read(file), dev.baton.api.workflow.WorkflowDefinition.class);
                } catch (com.fasterxml.jackson.core.JacksonException e) {
                    workflow.cli.err.println(file + ": not a workflow definition: " + e.getOriginalMessage());
                    return 1;
                }
                List<String> problems = DefinitionValidator.validate(definition, null);
                if (problems.isEmpty()) {
                    workflow.cli.out.println(file + ": workflow '" + definition.key() + "' is valid");
                    return 0;
                }
                problems.forEach(problem -> workflow.cli.err.println(file + ": " + problem));
                return 1;
            }
        }

        @Command(name = "import", description = "Save a definition file as the workflow's draft, or publish it.")
        static final class Import implements Callable<Integer> {
            @ParentCommand
            Workflow workflow;
            @Parameters(paramLabel = "FILE")
            Path file;
            @Option(names = "--publish", description = "publish it as the next version")
            boolean publish;

            @Override
            public Integer call() throws Exception {
                WorkflowDefinition definition = JSON.readValue(read(file), WorkflowDefinition.class);
                return workflow.cli.print(Calls.retrying(() -> workflow.cli.session().config(WorkflowsApi::new)
                        .importDefinition(definition, publish)));
            }
        }

        @Command(name = "publish", description = "Publish a workflow's draft as its next version.")
        static final class Publish implements Callable<Integer> {
            @ParentCommand
            Workflow workflow;
            @Parameters(paramLabel = "KEY")
            String key;

            @Override
            public Integer call() throws Exception {
                return workflow.cli.print(Calls.retrying(() -> workflow.cli.session().config(WorkflowsApi::new)
                        .publish(key)));
            }
        }

        @Command(name = "export", description = "Print a published version's definition (the latest by default).")
        static final class Export implements Callable<Integer> {
            @ParentCommand
            Workflow workflow;
            @Parameters(paramLabel = "KEY")
            String key;
            @Option(names = "--version", description = "the version to export")
            Integer version;
            @Option(names = {"-o", "--output"}, description = "write it to this file instead")
            Path output;

            @Override
            public Integer call() throws Exception {
                WorkflowDefinition definition = Calls.retrying(() -> workflow.cli.session().config(WorkflowsApi::new)
                        .export(key, version == null ? null : version.toString()));
                if (output == null) {
                    return workflow.cli.print(definition);
                }
                Files.writeString(output, JSON.writeValueAsString(definition) + "\n");
                workflow.cli.out.println("wrote " + output);
                return 0;
            }
        }

        @Command(name = "list", description = "The workflows, with their published versions.")
        static final class ListAll implements Callable<Integer> {
            @ParentCommand
            Workflow workflow;

            @Override
            public Integer call() throws Exception {
                return workflow.cli.print(Calls.retrying(() -> workflow.cli.session().config(WorkflowsApi::new)
                        .listWorkflows()));
            }
        }

        @Command(name = "dry-run", description = "The path a ticket would take, without creating one.")
        static final class DryRun implements Callable<Integer> {
            @ParentCommand
            Workflow workflow;
            @Parameters(paramLabel = "KEY")
            String key;
            @Option(names = "--creator", description = "who would create it (default: --user)")
            String creator;
            @Option(names = "--field", description = "a field's value, key=value (a number when it reads as one)")
            Map<String, String> fields = new LinkedHashMap<>();
            @Option(names = "--version", description = "a published version (default: the latest)")
            Integer version;

            @Override
            public Integer call() throws Exception {
                Map<String, Object> values = new LinkedHashMap<>();
                fields.forEach((name, value) -> values.put(name, value.matches("-?[0-9]+") ? Long.valueOf(value)
                        : value.equals("true") || value.equals("false") ? Boolean.valueOf(value) : value));
                DryRunRequest request = new DryRunRequest().creator(creator != null ? creator : workflow.cli.user)
                        .fields(values).version(version);
                return workflow.cli.print(Calls.retrying(() -> workflow.cli.session()
                        .commands(dev.baton.client.command.api.WorkflowsApi::new).dryRun(key, request)));
            }
        }
    }

    @Command(name = "tickets", description = "List and show tickets, as --user sees them.",
            subcommands = {Tickets.Show.class, Tickets.ListOf.class})
    static final class Tickets {
        @ParentCommand
        BatonCli cli;

        @Command(name = "show", description = "A ticket's detail, or its history with --history.")
        static final class Show implements Callable<Integer> {
            @ParentCommand
            Tickets tickets;
            @Parameters(paramLabel = "ID")
            String id;
            @Option(names = "--history", description = "its history: every change with the ticket as it was then")
            boolean history;

            @Override
            public Integer call() throws Exception {
                TicketDetailAndHistoryApi api = tickets.cli.session().queries(TicketDetailAndHistoryApi::new);
                return tickets.cli.print(Calls.retrying(() -> history ? api.flowLog(id, null, null)
                        : api.detail(id, null, null)));
            }
        }

        @Command(name = "list", description = "A list: todo, related, created, cc, worked or all (admins).")
        static final class ListOf implements Callable<Integer> {
            @ParentCommand
            Tickets tickets;
            @Parameters(paramLabel = "LIST", description = "todo, related, created, cc, worked or all")
            String list;
            @Option(names = "--workflow", description = "only tickets of this workflow")
            String workflowKey;
            @Option(names = "--limit", defaultValue = "50", description = "at most this many (default: 50)")
            int limit;

            @Override
            public Integer call() throws Exception {
                ListsApi api = tickets.cli.session().queries(ListsApi::new);
                return tickets.cli.print(Calls.retrying(() -> switch (list) {
                    case "todo" -> api.todo(ListsApi.APITodoRequest.newBuilder().workflow(workflowKey)
                            .limit(limit).build());
                    case "related" -> api.related(ListsApi.APIRelatedRequest.newBuilder().workflow(workflowKey)
                            .limit(limit).build());
                    case "created" -> api.created(ListsApi.APICreatedRequest.newBuilder().workflow(workflowKey)
                            .limit(limit).build());
                    case "cc" -> api.cc(ListsApi.APICcRequest.newBuilder().workflow(workflowKey)
                            .limit(limit).build());
                    case "worked" -> api.worked(ListsApi.APIWorkedRequest.newBuilder().workflow(workflowKey)
                            .limit(limit).build());
                    case "all" -> api.all(ListsApi.APIAllRequest.newBuilder().workflow(workflowKey)
                            .limit(limit).build());
                    default -> throw new IllegalArgumentException("Expected a list of todo, related, created, cc, "
                            + "worked or all, but got '" + list + "'");
                }));
            }
        }
    }

    @Command(name = "deliveries", description = "Notifications that failed every attempt (admin applications).",
            subcommands = {Deliveries.Dead.class, Deliveries.Retry.class})
    static final class Deliveries {
        @ParentCommand
        BatonCli cli;

        @Command(name = "dead", description = "The dead deliveries, newest first.")
        static final class Dead implements Callable<Integer> {
            @ParentCommand
            Deliveries deliveries;
            @Option(names = "--limit", defaultValue = "100")
            int limit;

            @Override
            public Integer call() throws Exception {
                return deliveries.cli.print(Calls.retrying(() -> deliveries.cli.session()
                        .notifications(DeliveriesApi::new).deadDeliveries(limit)));
            }
        }

        @Command(name = "retry", description = "Send a dead delivery again.")
        static final class Retry implements Callable<Integer> {
            @ParentCommand
            Deliveries deliveries;
            @Parameters(paramLabel = "ID")
            String id;

            @Override
            public Integer call() throws Exception {
                return deliveries.cli.print(Calls.retrying(() -> deliveries.cli.session()
                        .notifications(DeliveriesApi::new).retryDelivery(id)));
            }
        }
    }

    @Command(name = "hooks", description = "Hook calls that failed every attempt (admin applications).",
            subcommands = {Hooks.Dead.class, Hooks.Retry.class})
    static final class Hooks {
        @ParentCommand
        BatonCli cli;

        @Command(name = "dead", description = "The exhausted hook calls.")
        static final class Dead implements Callable<Integer> {
            @ParentCommand
            Hooks hooks;

            @Override
            public Integer call() throws Exception {
                return hooks.cli.print(Calls.retrying(() -> hooks.cli.session().notifications(HooksApi::new)
                        .deadHooks()));
            }
        }

        @Command(name = "retry", description = "Call an exhausted hook again.")
        static final class Retry implements Callable<Integer> {
            @ParentCommand
            Hooks hooks;
            @Parameters(paramLabel = "ID")
            String id;

            @Override
            public Integer call() throws Exception {
                return hooks.cli.print(Calls.retrying(() -> hooks.cli.session().notifications(HooksApi::new)
                        .retryHook(id)));
            }
        }
    }
}
