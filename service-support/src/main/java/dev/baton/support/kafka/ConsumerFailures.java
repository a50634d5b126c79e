package dev.baton.support.kafka;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * The one rule every consumer of Baton's topics uses to tell a failure that will pass by itself from one that the
 * record itself causes. A transient failure (the database away or restarting, a connection lost, a serialization
 * conflict or deadlock, a lock or statement time-out) is retried until it passes, so nothing is skipped while a peer
 * is down. Any other failure (a value the database refuses, a constraint, a bug) will fail again for the same record:
 * after bounded retries the consumer parks the record, so the records behind it keep flowing.
 */
public final class ConsumerFailures {
    /** SQLSTATE classes that describe the connection or the server, not the statement. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of(
            "08", // connection exception
            "53", // insufficient resources (disk full, out of memory, too many connections)
            "57", // operator intervention (admin shutdown, crash shutdown, cannot connect now, query canceled)
            "58", // system error (I/O)
            "40"  // transaction rollback (serialization failure, deadlock)
    );
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03"); // lock not available

    private ConsumerFailures() {
    }

    /** Whether {@code failure} will likely pass on a later try without anything about the record changing. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5) {
                String state = sql.getSQLState();
                return TRANSIENT_STATES.contains(state) || TRANSIENT_CLASSES.contains(state.substring(0, 2));
            }
            if (t instanceof IOException && t.getClass().getName().startsWith("org.postgresql")) {
                return true;
            }
            if (isR2dbcTransient(t.getClass())) {
                return true;
            }
        }
        return false;
    }

    /**
     * R2DBC's transient failures and lost connections, by name so that services without R2DBC need not carry it:
     * {@code R2dbcTransientException} (and its subclasses), {@code R2dbcNonTransientResourceException} (cannot
     * connect) and the PostgreSQL driver's closed-connection failure.
     */
    private static boolean isR2dbcTransient(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            String name = c.getName();
            if (name.equals("io.r2dbc.spi.R2dbcTransientException")
                    || name.equals("io.r2dbc.spi.R2dbcNonTransientResourceException")
                    || name.equals("io.r2dbc.postgresql.client.ReactorNettyClient$PostgresConnectionClosedException")) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message of {@code failure}, or its class name: what an operator reads next to a parked record. */
    public static String describe(Throwable failure) {
        Throwable specific = failure;
        while (specific.getCause() != null && specific.getCause() != specific) {
            specific = specific.getCause();
        }
        String message = specific.getMessage();
        return message == null ? specific.getClass().getName() : specific.getClass().getSimpleName() + ": " + message;
    }
}
