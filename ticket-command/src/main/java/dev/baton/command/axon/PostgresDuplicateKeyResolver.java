package dev.baton.command.axon;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;

/**
 * Tells Axon that an append collided with an existing (ticket, sequence) row, so it raises a concurrency exception
 * (answered 409) instead of a generic store failure. PostgreSQL reports the collision as SQLState 23505, possibly on
 * the next exception of a batch update, which Axon's default resolver does not look at.
 */
public class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {
    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && violatesUniqueness(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean violatesUniqueness(SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
