package dev.baton.config.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.WorkflowDefinition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Drafts and published versions of workflows; definitions are stored as jsonb. Plain JDBC, no transactions. */
@Repository
public class WorkflowRepository {
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public WorkflowRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Serialises publishing of one workflow until the current transaction ends. */
    public void lock(String key) {
        jdbc.query("SELECT pg_advisory_xact_lock(hashtext('workflow_config.workflow'), hashtext(?))",
                rs -> null, key);
    }

    /** Saves the draft; true when there was none before. */
    public boolean saveDraft(WorkflowDefinition definition, Instant at, String by) {
        Boolean inserted = jdbc.queryForObject("INSERT INTO workflow_draft (key, definition, updated_at, updated_by)"
                        + " VALUES (?, ?::jsonb, ?, ?) ON CONFLICT (key) DO UPDATE SET definition = excluded.definition,"
                        + " updated_at = excluded.updated_at, updated_by = excluded.updated_by RETURNING (xmax = 0)",
                Boolean.class, definition.key(), write(definition), Timestamp.from(at), by);
        return Boolean.TRUE.equals(inserted);
    }

    public Optional<WorkflowDraft> draft(String key) {
        return jdbc.query("SELECT key, definition, updated_at, updated_by FROM workflow_draft WHERE key = ?",
                (rs, n) -> new WorkflowDraft(rs.getString(1), read(rs.getString(2)), rs.getTimestamp(3).toInstant(),
                        rs.getString(4)), key).stream().findFirst();
    }

    public boolean deleteDraft(String key) {
        return jdbc.update("DELETE FROM workflow_draft WHERE key = ?", key) == 1;
    }

    public int latestVersion(String key) {
        Integer latest = jdbc.queryForObject("SELECT coalesce(max(version), 0) FROM workflow_version WHERE key = ?",
                Integer.class, key);
        return latest == null ? 0 : latest;
    }

    public void insertVersion(PublishedWorkflow published) {
        jdbc.update("INSERT INTO workflow_version (key, version, definition, published_at, published_by)"
                        + " VALUES (?, ?, ?::jsonb, ?, ?)", published.key(), published.version(),
                write(published.definition()), Timestamp.from(published.publishedAt()), published.publishedBy());
    }

    public Optional<PublishedWorkflow> version(String key, int version) {
        return jdbc.query("SELECT key, version, published_at, published_by, definition FROM workflow_version"
                + " WHERE key = ? AND version = ?", (rs, n) -> published(rs), key, version).stream().findFirst();
    }

    public List<VersionInfo> versions(String key) {
        return jdbc.query("SELECT version, published_at, published_by FROM workflow_version WHERE key = ?"
                        + " ORDER BY version", (rs, n) -> new VersionInfo(rs.getInt(1), rs.getTimestamp(2).toInstant(),
                        rs.getString(3)), key);
    }

    /** Every published version of every workflow, ordered by key and version. */
    public List<PublishedWorkflow> allVersions() {
        return jdbc.query("SELECT key, version, published_at, published_by, definition FROM workflow_version"
                + " ORDER BY key, version", (rs, n) -> published(rs));
    }

    /** One row per workflow that has a draft or a published version, ordered by key. */
    public List<WorkflowSummary> summaries() {
        return jdbc.query("""
                SELECT k.key, coalesce(v.definition ->> 'name', d.definition ->> 'name') AS name, v.version,
                       d.key IS NOT NULL AS has_draft, v.published_at
                FROM (SELECT key FROM workflow_draft UNION SELECT key FROM workflow_version) k
                LEFT JOIN LATERAL (SELECT version, published_at, definition FROM workflow_version wv
                                   WHERE wv.key = k.key ORDER BY version DESC LIMIT 1) v ON true
                LEFT JOIN workflow_draft d ON d.key = k.key
                ORDER BY k.key
                """, (rs, n) -> new WorkflowSummary(rs.getString("key"), rs.getString("name"),
                (Integer) rs.getObject("version"), rs.getBoolean("has_draft"),
                rs.getTimestamp("published_at") == null ? null : rs.getTimestamp("published_at").toInstant()));
    }

    private PublishedWorkflow published(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new PublishedWorkflow(rs.getString("key"), rs.getInt("version"),
                rs.getTimestamp("published_at").toInstant(), rs.getString("published_by"),
                read(rs.getString("definition")));
    }

    private String write(WorkflowDefinition definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise workflow " + definition.key(), e);
        }
    }

    private WorkflowDefinition read(String value) {
        try {
            return json.readValue(value, WorkflowDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored workflow definition cannot be read", e);
        }
    }
}
