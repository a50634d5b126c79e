package dev.baton.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.BatonJson;
import dev.baton.testing.SignedClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone with {@code --data-dir}, run as its own process the way a newcomer runs it: what was created before
 * a stop is there after the next start (PostgreSQL's data and Kafka's topics and offsets both reopened), the
 * services go on working on it, and a second standalone on the same data is refused in one line.
 */
class DataDirectoryProcessTest {
    static final String DEMO_SECRET = "data-dir-test-secret";

    @TempDir
    Path temp;

    @Test
    void keepsTicketsAcrossARestartAndRefusesASecondStandaloneOnTheSameData() throws Exception {
        Path data = temp.resolve("baton-data"); // created by the standalone
        String firstTicket;
        try (Standalone first = Standalone.start(temp.resolve("first.out"), List.of("--data-dir", data.toString()))) {
            assertThat(first.banner()).contains("Data                 " + data + " (kept)");
            Written created = submitLeave(first, "alice", 2);
            firstTicket = created.ticketId();
            assertThat(detail(first, "alice", created).get("title").asText()).isEqualTo("alice leave 2d");

            // a second standalone on the same data stops at once, saying why, and leaves the first one running
            Process second = Standalone.builder(temp.resolve("second.out"),
                    List.of("--data-dir", data.toString())).start();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("exited instead of hanging").isTrue();
            assertThat(second.exitValue()).isEqualTo(1);
            assertThat(Files.readString(temp.resolve("second.out")).strip()).isEqualTo("Baton could not start: "
                    + "another Baton standalone is using the data directory " + data + "; stop it first, or start "
                    + "this one with another --data-dir");
            assertThat(first.process.isAlive()).isTrue();

            first.stop();
        }
        try (Stream<Path> left = Files.list(temp.resolve("tmp"))) {
            assertThat(left).as("left in the temporary folder").isEmpty();
        }
        assertThat(data.resolve("pg")).isDirectory();
        assertThat(data.resolve("kafka").resolve("meta.properties")).isRegularFile();

        // the data directory from the environment this time; new ports, as a newcomer's next start may have
        try (Standalone again = Standalone.start(temp.resolve("again.out"), List.of(),
                Map.of("BATON_DATA_DIR", data.toString()))) {
            assertThat(again.banner()).contains(data + " (kept)");
            // ticket-query's store kept the ticket
            assertThat(detail(again, "alice", new Written(firstTicket, 1)).get("title").asText())
                    .isEqualTo("alice leave 2d");
            // the event store, the relay to Kafka and the projection go on: a new ticket reaches ticket-query
            Written second = submitLeave(again, "alice", 3);
            assertThat(detail(again, "alice", second).get("title").asText()).isEqualTo("alice leave 3d");
            assertThat(created(again, "alice", second)).contains(firstTicket, second.ticketId());
            again.stop();
        }
    }

    // --- the API, as the demo caller application ------------------------------------------------------------------

    record Written(String ticketId, long version) {
        String token() {
            return ticketId + ":" + version;
        }
    }

    static Written submitLeave(Standalone baton, String creator, int days) {
        JsonNode result = json(baton.commands().post(creator, "/tickets", Map.of("workflow", "leave-request",
                        "title", creator + " leave " + days + "d", "fields", Map.of("days", days, "reason", "rest"),
                        "transition", "submit", "comment", "please"))
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        return new Written(result.get("ticketId").asText(), result.get("version").asLong());
    }

    static JsonNode detail(Standalone baton, String user, Written after) {
        return json(baton.queries().get(user, "/tickets/" + after.ticketId() + "?minVersion=" + after.version())
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    static List<String> created(Standalone baton, String user, Written after) {
        JsonNode page = json(baton.queries().get(user, "/tickets/created?limit=100&consistentWith=" + after.token())
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        return StreamSupport.stream(page.get("items").spliterator(), false).map(i -> i.get("ticketId").asText())
                .toList();
    }

    static JsonNode json(byte[] body) {
        try {
            return BatonJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** One standalone process on free ports, its output in a file; stopped (forcibly, if need be) on close. */
    record Standalone(Process process, Path out, int base) implements AutoCloseable {
        static Standalone start(Path out, List<String> args) throws Exception {
            return start(out, args, Map.of());
        }

        static Standalone start(Path out, List<String> args, Map<String, String> env) throws Exception {
            ProcessBuilder builder = builder(out, args);
            builder.environment().putAll(env);
            int base = Integer.parseInt(builder.environment().get("BATON_PORT_BASE"));
            Standalone started = new Standalone(builder.start(), out, base);
            await().atMost(Duration.ofSeconds(150)).until(() -> Files.readString(out)
                    .contains(StandaloneProcessTest.LAST_BANNER_LINE) || !started.process.isAlive());
            assertThat(started.process.isAlive()).as("still running; it printed:%n%s", Files.readString(out))
                    .isTrue();
            return started;
        }

        /**
         * The standalone's command on free ports (the services' are moved by BATON_PORT_BASE), not yet started; its
         * temporary folder is {@code tmp} next to {@code out}, to see what it leaves there.
         */
        static ProcessBuilder builder(Path out, List<String> args) throws IOException {
            Path tmp = Files.createDirectories(out.resolveSibling("tmp"));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString(), "-Xmx512m", "-Daxoniq.update-checker.disabled=true",
                    "-Djava.io.tmpdir=" + tmp, "-cp",
                    System.getProperty("java.class.path"), BatonStandalone.class.getName()));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("BATON_PORT_BASE", Integer.toString(StandaloneProcessTest.freeRange()));
            builder.environment().put("BATON_PG_PORT", Integer.toString(StandaloneProcessTest.free()));
            builder.environment().put("BATON_DEMO_SECRET", DEMO_SECRET);
            List.of("BATON_CONFIG_PORT", "BATON_COMMAND_PORT", "BATON_QUERY_PORT", "BATON_NOTIFICATION_PORT",
                    "BATON_DATA_DIR").forEach(builder.environment()::remove);
            return builder.redirectErrorStream(true).redirectOutput(out.toFile());
        }

        String banner() throws IOException {
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            return printed.substring(printed.indexOf(StandaloneProcessTest.BANNER));
        }

        SignedClient commands() {
            return new SignedClient("http://localhost:" + (base + 2), BatonStandalone.DEMO_APP, DEMO_SECRET);
        }

        SignedClient queries() {
            return new SignedClient("http://localhost:" + (base + 3), BatonStandalone.DEMO_APP, DEMO_SECRET);
        }

        /** SIGTERM, as {@code kill} sends: a clean stop, status 0, "Baton stopped." last. */
        void stop() throws Exception {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
            assertThat(process.exitValue()).as("exit status; it printed:%n%s", Files.readString(out)).isZero();
            assertThat(Files.readString(out).strip()).endsWith("Baton stopped.");
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
