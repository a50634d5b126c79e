package dev.baton.standalone;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The standalone's ports, read from the environment and checked before anything starts: {@code BATON_PORT_BASE}
 * (default 8080) puts workflow-config, ticket-command, ticket-query and notification-worker on the four ports after
 * it; {@code BATON_CONFIG_PORT}, {@code BATON_COMMAND_PORT}, {@code BATON_QUERY_PORT} and
 * {@code BATON_NOTIFICATION_PORT} set one service's port; {@code BATON_PG_PORT} (default 55432) the embedded
 * PostgreSQL's. A value that is not a port, or a port another process holds, is refused with one sentence saying
 * which setting to change.
 */
record StartupSettings(BatonServices.Ports ports, int postgresPort) {
    static final int DEFAULT_BASE = 8080;
    static final int DEFAULT_PG_PORT = 55432;

    /** Thrown when Baton cannot start; its message is the one line a newcomer reads. */
    static final class StartFailure extends RuntimeException {
        StartFailure(String message) {
            super(message);
        }
    }

    static StartupSettings from(Function<String, String> env) {
        int base = port(env, "BATON_PORT_BASE", DEFAULT_BASE, 1);
        BatonServices.Ports ports = new BatonServices.Ports(
                port(env, "BATON_CONFIG_PORT", base + 1, 1),
                port(env, "BATON_COMMAND_PORT", base + 2, 1),
                port(env, "BATON_QUERY_PORT", base + 3, 1),
                port(env, "BATON_NOTIFICATION_PORT", base + 4, 1));
        return new StartupSettings(ports, port(env, "BATON_PG_PORT", DEFAULT_PG_PORT, 1));
    }

    /** Every port, by what uses it and the setting that moves it. */
    Map<String, Integer> named() {
        Map<String, Integer> named = new LinkedHashMap<>();
        named.put("workflow-config (BATON_CONFIG_PORT)", ports.config());
        named.put("ticket-command (BATON_COMMAND_PORT)", ports.command());
        named.put("ticket-query (BATON_QUERY_PORT)", ports.query());
        named.put("notification-worker (BATON_NOTIFICATION_PORT)", ports.notification());
        named.put("PostgreSQL (BATON_PG_PORT)", postgresPort);
        return named;
    }

    /** Refuses, naming the first port another process holds, before anything is started. */
    void assertPortsFree() {
        Map<Integer, String> seen = new LinkedHashMap<>();
        named().forEach((user, port) -> {
            String other = seen.putIfAbsent(port, user);
            if (other != null) {
                throw new StartFailure("port " + port + " is given to both " + other + " and " + user
                        + "; set BATON_PORT_BASE or one of them to another port");
            }
            if (!free(port)) {
                throw new StartFailure("port " + port + " for " + user + " is in use by another process; stop it, "
                        + "or set BATON_PORT_BASE (the services use the four ports after it) or that setting");
            }
        });
    }

    /**
     * Whether a server could listen on {@code port} now. Binds as the servers do (PostgreSQL and Netty set
     * {@code SO_REUSEADDR}), so the closed connections a stopped standalone leaves behind for a minute (TIME_WAIT) do
     * not hold the port; a process listening on it does.
     */
    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int port(Function<String, String> env, String name, int fallback, int lowest) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= lowest && port <= 65535 - (name.equals("BATON_PORT_BASE") ? 4 : 0)) {
                return port;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new StartFailure(name + " must be a port number" + (name.equals("BATON_PORT_BASE")
                ? " from 1 to 65531 (the services use the four ports after it)" : " from 1 to 65535")
                + ", but is '" + value + "'");
    }
}
