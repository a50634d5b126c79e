package dev.baton.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The standalone jar ({@code standalone/target/standalone-*.jar}, built by {@code mvn verify} before this module's
 * tests) run as its own process on free ports, as a newcomer runs it: the SDK is tested against what it will meet.
 */
public final class RunningStandalone implements AutoCloseable {
    public static final Path JAR = Path.of("..", "..", "standalone", "target", "standalone-0.1.0-SNAPSHOT.jar");
    public static final String DEMO_APP = "demo-oa";
    public static final String DEMO_SECRET = "sdk-demo-secret";
    public static final String ADMIN_APP = "admin-console";
    public static final String ADMIN_SECRET = "sdk-admin-secret";

    private final Process process;
    public final Path output;
    public final Baton.Endpoints endpoints;

    private RunningStandalone(Process process, Path output, Baton.Endpoints endpoints) {
        this.process = process;
        this.output = output;
        this.endpoints = endpoints;
    }

    public static RunningStandalone start() throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("Expected the standalone jar at " + JAR.toAbsolutePath()
                    + "; build it first (mvn -B verify builds it before this module)");
        }
        int base = freeRange();
        Path output = Files.createTempFile("baton-sdk-standalone-", ".out");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Daxoniq.update-checker.disabled=true", "-jar", JAR.toString());
        builder.environment().put("BATON_PORT_BASE", Integer.toString(base));
        builder.environment().put("BATON_PG_PORT", Integer.toString(free()));
        builder.environment().put("BATON_DEMO_SECRET", DEMO_SECRET);
        builder.environment().put("BATON_ADMIN_SECRET", ADMIN_SECRET);
        List.of("BATON_CONFIG_PORT", "BATON_COMMAND_PORT", "BATON_QUERY_PORT", "BATON_NOTIFICATION_PORT",
                "BATON_NOTIFICATION_WEBHOOK_URL", "BATON_DATA_DIR").forEach(builder.environment()::remove);
        builder.redirectErrorStream(true).redirectOutput(output.toFile());
        Process process = builder.start();
        RunningStandalone running = new RunningStandalone(process, output,
                Baton.Endpoints.portBase("127.0.0.1", base));
        Instant until = Instant.now().plus(Duration.ofSeconds(180));
        while (!Files.readString(output).contains("Press Ctrl+C to stop.")) {
            if (!process.isAlive() || Instant.now().isAfter(until)) {
                running.close();
                throw new IllegalStateException("The standalone did not start; it printed:\n" + Files.readString(output));
            }
            Thread.sleep(250);
        }
        return running;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Four free consecutive ports after the returned base. */
    private static int freeRange() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = free();
            if (base + 4 < 65535 && freeAt(base + 1) && freeAt(base + 2) && freeAt(base + 3) && freeAt(base + 4)) {
                return base;
            }
        }
        throw new IOException("Found no four free consecutive ports");
    }

    private static boolean freeAt(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
