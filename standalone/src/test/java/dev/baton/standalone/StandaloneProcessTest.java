package dev.baton.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone as a newcomer meets it, run as its own process the way {@code bin/baton-standalone} runs it: each
 * line names the service that wrote it, the broker's and the database's start-up stay quiet, the banner is the last
 * thing printed, and a stop (what Ctrl+C or {@code kill} sends) ends it cleanly and quickly, leaving none of its
 * temporary data behind.
 */
class StandaloneProcessTest {
    static final String BANNER = "Baton is running";
    static final String LAST_BANNER_LINE = "Press Ctrl+C to stop.";

    @TempDir
    Path tmp;

    @Test
    void startsQuietlyNamesEachLinesServiceAndStopsCleanlyDeletingItsData() throws Exception {
        int base = freeRange();
        Path out = Files.createTempFile("standalone-", ".out");
        // its own temporary folder, to see what it leaves there
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Daxoniq.update-checker.disabled=true", "-Djava.io.tmpdir=" + tmp,
                "-cp", System.getProperty("java.class.path"), BatonStandalone.class.getName());
        builder.environment().put("BATON_PORT_BASE", Integer.toString(base));
        builder.environment().put("BATON_PG_PORT", Integer.toString(free()));
        List.of("BATON_CONFIG_PORT", "BATON_COMMAND_PORT", "BATON_QUERY_PORT", "BATON_NOTIFICATION_PORT",
                "BATON_DATA_DIR").forEach(builder.environment()::remove);
        builder.redirectErrorStream(true).redirectOutput(out.toFile());
        Process process = builder.start();
        try {
            await().atMost(java.time.Duration.ofSeconds(150)).until(() -> Files.readString(out).contains(LAST_BANNER_LINE)
                    || !process.isAlive());
            assertThat(process.isAlive()).as("still running; it printed:%n%s", Files.readString(out)).isTrue();
            Thread.sleep(3000);
            List<String> started = Files.readAllLines(out);

            // the banner is the last thing printed, and names every service's port
            int banner = indexOf(started, BANNER);
            assertThat(banner).isPositive();
            assertThat(started.subList(banner, started.size()).stream().filter(l -> !l.isBlank()).reduce((a, b) -> b))
                    .contains(LAST_BANNER_LINE);
            assertThat(String.join("\n", started.subList(banner, started.size())))
                    .contains("http://localhost:" + (base + 1), "http://localhost:" + (base + 2),
                            "http://localhost:" + (base + 3), "http://localhost:" + (base + 4),
                            "Data                 temporary, deleted on stop",
                            "Console              http://localhost:" + (base + 1) + "/console/");
            // the console's page and its configuration are served where the banner says
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            var page = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + (base + 1) + "/console/")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<div id=\"root\">", "./assets/");
            var config = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + (base + 1) + "/console/config.json")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(config.body()).contains("\"ticket-command\":\":" + (base + 2) + "\"", "\"demo-oa\"");
            assertThat(temporaryData()).hasSize(1);
            // each service's start is its own, not the first service's
            for (String service : List.of("workflow-config", "ticket-command", "ticket-query", "notification-worker")) {
                assertThat(started).as(service).anyMatch(l -> l.contains(" [" + service + "] ") && l.contains("Started"));
            }
            // the broker's and the database's chatter stays below what is shown
            assertThat(started).noneMatch(l -> l.contains(" INFO ") && (l.contains("[kafka]") || l.contains("[postgres]")));
            assertThat(started).noneMatch(l -> l.contains(" DEBUG "));

            process.destroy(); // SIGTERM, as kill sends; Ctrl+C's SIGINT takes the same path
            assertThat(process.waitFor(45, TimeUnit.SECONDS)).as("stopped within 45 s").isTrue();
            assertThat(process.exitValue()).isZero();
            List<String> all = Files.readAllLines(out);
            List<String> stopping = all.subList(started.size(), all.size());
            assertThat(stopping).as("printed while stopping").noneMatch(l -> l.contains("Exception")
                    || l.contains(" ERROR ") || l.startsWith("\tat "));
            assertThat(stopping.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b)).contains("Baton stopped.");
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left).as("left in the temporary folder").isEmpty();
            }
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(out);
        }
    }

    private List<Path> temporaryData() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(f -> f.getFileName().toString().startsWith(DataDirectory.TEMPORARY_PREFIX)).toList();
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    /** A base port whose four following ports are free. */
    static int freeRange() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = free();
            if (base > 60000) {
                continue;
            }
            boolean allFree = true;
            for (int port = base + 1; port <= base + 4 && allFree; port++) {
                try (ServerSocket socket = new ServerSocket(port)) {
                    socket.setReuseAddress(false);
                } catch (IOException taken) {
                    allFree = false;
                }
            }
            if (allFree) {
                return base;
            }
        }
        throw new IllegalStateException("no four free ports in a row");
    }

    static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
