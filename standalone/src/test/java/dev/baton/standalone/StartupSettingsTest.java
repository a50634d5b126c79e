package dev.baton.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The standalone's ports and data directory: where they come from, and a start that cannot have them stops at once,
 * saying why.
 */
class StartupSettingsTest {
    @Test
    void withoutSettingsTheServicesUseTheFourPortsAfter8080() {
        StartupSettings settings = StartupSettings.from(Map.<String, String>of()::get);
        assertThat(settings.ports()).isEqualTo(new BatonServices.Ports(8081, 8082, 8083, 8084));
        assertThat(settings.postgresPort()).isEqualTo(55432);
    }

    @Test
    void aPortBaseMovesEveryServiceAndOneServicesSettingMovesItAlone() {
        StartupSettings settings = StartupSettings.from(Map.of("BATON_PORT_BASE", "9000",
                "BATON_QUERY_PORT", "9100", "BATON_PG_PORT", "15432")::get);
        assertThat(settings.ports()).isEqualTo(new BatonServices.Ports(9001, 9002, 9100, 9004));
        assertThat(settings.postgresPort()).isEqualTo(15432);
    }

    @Test
    void withoutADataDirectoryTheDataIsTemporary() {
        assertThat(StartupSettings.from(Map.<String, String>of()::get, List.of()).dataDir()).isEmpty();
    }

    @Test
    void theDataDirectoryComesFromTheArgumentOrElseTheEnvironment(@TempDir Path temp) {
        Map<String, String> env = Map.of("BATON_DATA_DIR", temp.resolve("from-env").toString());
        assertThat(StartupSettings.from(env::get, List.of()).dataDir()).contains(temp.resolve("from-env"));
        assertThat(StartupSettings.from(env::get, List.of("--data-dir", temp.resolve("from-arg").toString()))
                .dataDir()).contains(temp.resolve("from-arg"));
        assertThat(StartupSettings.from(env::get, List.of("--data-dir=" + temp.resolve("other"))).dataDir())
                .contains(temp.resolve("other"));
    }

    @Test
    void aRelativeDataDirectoryIsResolvedAgainstTheWorkingDirectoryAndATildeAgainstHome() {
        assertThat(StartupSettings.from(Map.<String, String>of()::get, List.of("--data-dir", "baton-data"))
                .dataDir()).contains(Path.of("baton-data").toAbsolutePath());
        assertThat(StartupSettings.from(Map.of("BATON_DATA_DIR", "~/baton-data")::get, List.of()).dataDir())
                .contains(Path.of(System.getProperty("user.home"), "baton-data"));
    }

    @Test
    void aDataDirectoryArgumentWithoutAPathOrAnUnknownArgumentIsRefused() {
        assertThatThrownBy(() -> StartupSettings.from(Map.<String, String>of()::get, List.of("--data-dir")))
                .isInstanceOf(StartupSettings.StartFailure.class)
                .hasMessage("--data-dir needs a directory, e.g. --data-dir ~/baton-data");
        assertThatThrownBy(() -> StartupSettings.from(Map.<String, String>of()::get, List.of("--datadir", "x")))
                .hasMessage("unknown argument '--datadir'; the standalone takes only --data-dir <path> (the other "
                        + "settings are environment variables, see README.md)");
    }

    @Test
    void aValueThatIsNotAPortIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> StartupSettings.from(Map.of("BATON_PORT_BASE", "eighty")::get))
                .isInstanceOf(StartupSettings.StartFailure.class)
                .hasMessage("BATON_PORT_BASE must be a port number from 1 to 65531 (the services use the four ports "
                        + "after it), but is 'eighty'");
        assertThatThrownBy(() -> StartupSettings.from(Map.of("BATON_COMMAND_PORT", "70000")::get))
                .hasMessage("BATON_COMMAND_PORT must be a port number from 1 to 65535, but is '70000'");
    }

    @Test
    void twoUsesOfOnePortAreRefused() {
        StartupSettings settings = StartupSettings.from(Map.of("BATON_QUERY_PORT", "8082")::get);
        assertThatThrownBy(settings::assertPortsFree)
                .hasMessage("port 8082 is given to both ticket-command (BATON_COMMAND_PORT) and ticket-query "
                        + "(BATON_QUERY_PORT); set BATON_PORT_BASE or one of them to another port");
    }

    @Test
    void aPortAnotherProcessHoldsIsRefusedNamingItsSetting() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();
            StartupSettings settings = StartupSettings.from(Map.of("BATON_PORT_BASE", Integer.toString(port - 2),
                    "BATON_CONFIG_PORT", Integer.toString(free()), "BATON_PG_PORT", Integer.toString(free()))::get);
            assertThatThrownBy(settings::assertPortsFree)
                    .hasMessage("port " + port + " for ticket-command (BATON_COMMAND_PORT) is in use by another "
                            + "process; stop it, or set BATON_PORT_BASE (the services use the four ports after it) "
                            + "or that setting");
        }
    }

    @Test
    void aPortWhoseLastConnectionsAreStillClosingIsFree() throws IOException {
        int port;
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("localhost", 0));
            port = server.getLocalPort();
            try (Socket client = new Socket("localhost", port); Socket accepted = server.accept()) {
                accepted.close(); // the server closes first: its side of the connection waits (TIME_WAIT) on the port
                client.getInputStream().read();
            }
        }
        StartupSettings settings = StartupSettings.from(Map.of("BATON_CONFIG_PORT", Integer.toString(port),
                "BATON_PORT_BASE", Integer.toString(StandaloneProcessTest.freeRange()),
                "BATON_PG_PORT", Integer.toString(free()))::get);
        settings.assertPortsFree();
    }

    @Test
    void theStandaloneExitsWithStatus1AndOneLineWhenAPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), BatonStandalone.class.getName());
            builder.environment().put("BATON_PORT_BASE", Integer.toString(port - 1));
            builder.environment().remove("BATON_CONFIG_PORT");
            Process process = builder.start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited instead of hanging").isTrue();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(err).isEqualTo("Baton could not start: port " + port + " for workflow-config "
                    + "(BATON_CONFIG_PORT) is in use by another process; stop it, or set BATON_PORT_BASE (the "
                    + "services use the four ports after it) or that setting");
        }
    }

    @Test
    void theReasonIsTheInnermostCausesFirstLine() {
        Exception wrapped = new IllegalStateException("context failed",
                new RuntimeException("bean failed", new IOException("Address already in use\n\tmore detail")));
        assertThat(BatonStandalone.reason(wrapped)).isEqualTo("Address already in use");
    }

    private static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
