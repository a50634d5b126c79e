package dev.baton.notification;

import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A notification worker in a JVM of its own, so that a test can kill it as {@code kill -9} does: no shutdown hook, no
 * graceful stop, its connections cut. Its output goes to {@code target/<name>.log}.
 */
final class WorkerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private WorkerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a worker on {@code db} and the test broker with {@code args}, and waits until it serves HTTP. */
    static WorkerProcess start(String name, TestDatabases.Database db, String... args) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                NotificationWorkerApplication.class.getName(), "--spring.config.name=notification-worker",
                "--spring.datasource.url=" + db.jdbcUrl() + "?currentSchema=notification_worker",
                "--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(), "--server.port=" + port));
        command.addAll(List.of(args));
        File log = new File("target/" + name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log)).start();
        WorkerProcess worker = new WorkerProcess(process, port);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Worker " + name + " stopped while starting; see " + log);
            }
            return worker.serves();
        });
        return worker;
    }

    private boolean serves() {
        try {
            HttpURLConnection http = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/actuator/health")
                    .toURL().openConnection();
            http.setConnectTimeout(200);
            http.setReadTimeout(2_000);
            return http.getResponseCode() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills the worker at once (SIGKILL), as a crash or {@code kill -9} would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
