package dev.baton.query.consistency;

import dev.baton.query.QueryProperties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Read-your-writes across ticket-query instances. The instances share the projection's tables but split the ticket
 * topic's partitions, so the instance a client reads from is often not the one that projects its ticket. Each
 * commit of the projection is therefore announced on a PostgreSQL channel ({@code NOTIFY}, one statement per
 * committed poll, the ticket ids and versions as its payload), and every instance listens on it with one connection
 * of its own and wakes its waiting requests ({@link VersionNotifier}) as if it had projected the versions itself.
 * A lost listening connection is opened again; what was announced meanwhile is found by the waits' own periodic
 * look at the database ({@code baton.query.wait-recheck}). With {@code baton.query.peers=false} (one instance)
 * nothing is announced or listened to.
 */
@Component
public class PeerVersions implements SmartLifecycle {
    static final String CHANNEL = "baton_ticket_projected";
    /** PostgreSQL's limit on a payload is 8000 bytes; ticket ids are ASCII. */
    static final int MAX_PAYLOAD = 7900;
    private static final Logger log = LoggerFactory.getLogger(PeerVersions.class);
    private static final Duration LISTEN_POLL = Duration.ofSeconds(5);
    private static final Duration MAX_RECONNECT_PAUSE = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final VersionNotifier notifier;
    private final boolean enabled;
    private volatile boolean running;
    private volatile Thread listener;
    private volatile Connection listening;

    public PeerVersions(DataSource dataSource, JdbcTemplate jdbc, VersionNotifier notifier,
                        QueryProperties properties) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.notifier = notifier;
        this.enabled = properties.peers();
    }

    /** Tells every instance (this one included) that the projection committed these versions. */
    public void committed(Map<String, Long> versions) {
        versions.forEach(notifier::projected);
        if (!enabled || versions.isEmpty()) {
            return;
        }
        for (String payload : payloads(versions)) {
            try {
                jdbc.query("SELECT pg_notify(?, ?)", rs -> null, CHANNEL, payload);
            } catch (RuntimeException e) {
                // the versions are committed; the other instances' waits find them on their next look
                log.warn("Could not announce projected versions to the other instances: {}", e.toString());
                return;
            }
        }
    }

    /** {@code id:version} pairs, newline-separated, each payload within PostgreSQL's limit. */
    static List<String> payloads(Map<String, Long> versions) {
        List<String> payloads = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        versions.forEach((id, version) -> {
            String entry = id + ":" + version;
            if (current.length() > 0 && current.length() + 1 + entry.length() > MAX_PAYLOAD) {
                payloads.add(current.toString());
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append('\n');
            }
            current.append(entry);
        });
        if (current.length() > 0) {
            payloads.add(current.toString());
        }
        return payloads;
    }

    /** Wakes this instance's waits for what another instance announced. */
    void received(String payload) {
        for (String entry : payload.split("\n")) {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0) {
                continue;
            }
            try {
                notifier.projected(entry.substring(0, colon), Long.parseLong(entry.substring(colon + 1)));
            } catch (NumberFormatException e) {
                log.debug("Ignoring a malformed announcement '{}'", entry);
            }
        }
    }

    @Override
    public void start() {
        if (!enabled || running) {
            return;
        }
        running = true;
        Thread thread = new Thread(this::listen, "peer-versions");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
            closeQuietly(listening);
            try {
                thread.join(LISTEN_POLL.toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        listener = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether the listening connection is open and listening (for tests and health). */
    public boolean listening() {
        return listening != null;
    }

    private void listen() {
        Duration pause = Duration.ofMillis(500);
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                listening = connection;
                pause = Duration.ofMillis(500);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) LISTEN_POLL.toMillis());
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            received(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                log.warn("Lost the connection that listens for other instances' projected versions ({}); "
                        + "listening again in {} ms", e.toString(), pause.toMillis());
            } finally {
                listening = null;
            }
            sleep(pause);
            pause = pause.multipliedBy(2).compareTo(MAX_RECONNECT_PAUSE) > 0 ? MAX_RECONNECT_PAUSE
                    : pause.multipliedBy(2);
        }
    }

    private void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException ignored) {
            // closing anyway
        }
    }
}
