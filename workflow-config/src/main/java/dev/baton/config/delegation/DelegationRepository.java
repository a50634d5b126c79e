package dev.baton.config.delegation;

import dev.baton.api.directory.Delegation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code delegation} table. */
@Repository
public class DelegationRepository {
    private static final String COLUMNS = "id, delegator, delegate, valid_from, valid_until, workflows, reason, created_by";
    private static final RowMapper<Delegation> DELEGATION = (rs, n) -> new Delegation(rs.getString("id"),
            rs.getString("delegator"), rs.getString("delegate"), rs.getTimestamp("valid_from").toInstant(),
            rs.getTimestamp("valid_until").toInstant(), strings(rs.getArray("workflows")), rs.getString("reason"),
            rs.getString("created_by"));

    private final JdbcTemplate jdbc;

    public DelegationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Delegation d, Instant createdAt) {
        jdbc.update("INSERT INTO delegation (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?::text[], ?, ?, ?)",
                d.id(), d.delegator(), d.delegate(), Timestamp.from(d.from()), Timestamp.from(d.until()),
                d.workflows().toArray(String[]::new), d.reason(), d.createdBy(), Timestamp.from(createdAt));
    }

    public Optional<Delegation> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM delegation WHERE id = ?", DELEGATION, id).stream().findFirst();
    }

    public boolean delete(String id) {
        return jdbc.update("DELETE FROM delegation WHERE id = ?", id) > 0;
    }

    /** Serialises changes to one delegator's delegations until the transaction ends. */
    public void lockDelegator(String delegator) {
        jdbc.query("SELECT pg_advisory_xact_lock(hashtext('delegation:' || ?))", rs -> null, delegator);
    }

    /** The delegator's delegations whose window overlaps {@code [from, until)}. */
    public List<Delegation> overlapping(String delegator, Instant from, Instant until) {
        return jdbc.query("SELECT " + COLUMNS + " FROM delegation WHERE delegator = ? AND valid_from < ?"
                + " AND valid_until > ? ORDER BY valid_from, id", DELEGATION, delegator, Timestamp.from(until),
                Timestamp.from(from));
    }

    /** Delegations given or received by {@code user} that have not ended by {@code now}, earliest first. */
    public List<Delegation> ofUser(String user, Instant now) {
        return jdbc.query("SELECT " + COLUMNS + " FROM delegation WHERE (delegator = ? OR delegate = ?)"
                + " AND valid_until > ? ORDER BY valid_from, id", DELEGATION, user, user, Timestamp.from(now));
    }

    /** Ids of delegations that ended before {@code now}, locked for this transaction (others skip them). */
    public List<String> endedBefore(Instant now) {
        return jdbc.queryForList("SELECT id FROM delegation WHERE valid_until <= ? ORDER BY id LIMIT 1000"
                + " FOR UPDATE SKIP LOCKED", String.class, Timestamp.from(now));
    }

    public List<Delegation> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM delegation ORDER BY id", DELEGATION);
    }

    /** Whether a workflow with this key has a draft or a published version. */
    public boolean workflowExists(String key) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM workflow_draft WHERE key = ?)"
                + " OR EXISTS (SELECT 1 FROM workflow_version WHERE key = ?)", Boolean.class, key, key));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
