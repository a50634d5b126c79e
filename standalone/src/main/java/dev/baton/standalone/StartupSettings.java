package dev.baton.standalone;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The standalone's ports and where it keeps its data, read from the environment and the command line and checked
 * before anything starts: {@code BATON_PORT_BASE} (default 8080) puts workflow-config, ticket-command, ticket-query
 * and notification-worker on the four ports after it; {@code BATON_CONFIG_PORT}, {@code BATON_COMMAND_PORT},
 * {@code BATON_QUERY_PORT} and {@code BATON_NOTIFICATION_PORT} set one service's port; {@code BATON_PG_PORT} (default
 * 55432) the embedded PostgreSQL's. {@code --data-dir <path>} (or {@code BATON_DATA_DIR}; the argument wins) keeps
 * the database's and the broker's data in that directory across restarts; without it they live in a temporary one
 * ({@link DataDirectory}). A value that is not a port, a port another process holds, or an argument the standalone
 * does not know is refused with one sentence saying which setting to change.
 */
record StartupSettings(BatonServices.Ports ports, int postgresPort, Optional<Path> dataDir) {
    static final int DEFAULT_BASE = 8080;
    static final int DEFAULT_PG_PORT = 55432;

    /** Thrown when Baton cannot start; its message is the one line a newcomer reads. */
    static final class StartFailure extends RuntimeException {
        StartFailure(String message) {
            super(message);
        }
    }

    static StartupSettings from(Function<String, String> env) {
        return from(env, List.of());
    }

    static StartupSettings from(Function<String, String> env, List<String> args) {
        int base = port(env, "BATON_PORT_BASE", DEFAULT_BASE, 1);
        BatonServices.Ports ports = new BatonServices.Ports(
                port(env, "BATON_CONFIG_PORT", base + 1, 1),
                port(env, "BATON_COMMAND_PORT", base + 2, 1),
                port(env, "BATON_QUERY_PORT", base + 3, 1),
                port(env, "BATON_NOTIFICATION_PORT", base + 4, 1));
        return new StartupSettings(ports, port(env, "BATON_PG_PORT", DEFAULT_PG_PORT, 1), dataDir(env, args));
    }

    /** {@code --data-dir <path>} or {@code --data-dir=<path>}, else {@code BATON_DATA_DIR}, else none. */
    private static Optional<Path> dataDir(Function<String, String> env, List<String> args) {
        String value = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--data-dir")) {
                if (i + 1 == args.size() || args.get(i + 1).isBlank() || args.get(i + 1).startsWith("--")) {
                    throw new StartFailure("--data-dir needs a directory, e.g. --data-dir ~/baton-data");
                }
                value = args.get(++i);
            } else if (arg.startsWith("--data-dir=")) {
                value = arg.substring("--data-dir=".length());
                if (value.isBlank()) {
                    throw new StartFailure("--data-dir needs a directory, e.g. --data-dir ~/baton-data");
                }
            } else {
                throw new StartFailure("unknown argument '" + arg + "'; the standalone takes only --data-dir <path> "
                        + "(the other settings are environment variables, see README.md)");
            }
        }
        String setting = value != null ? "--data-dir" : "BATON_DATA_DIR";
        if (value == null) {
            value = env.apply("BATON_DATA_DIR");
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
        }
        String path = value.strip();
        if (path.equals("~") || path.startsWith("~/")) { // quoted, so the shell left it: home, as the shell means it
            path = System.getProperty("user.home") + path.substring(1);
        }
        try {
            return Optional.of(Path.of(path).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            throw new StartFailure(setting + " must be a directory, but '" + value + "' is not a path");
        }
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
