package dev.baton.config.app;

import dev.baton.api.app.CallerApp;
import dev.baton.support.auth.CallerApps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code caller_app} table. It is also the {@link CallerApps} the shared authentication filter checks
 * signatures against: workflow-config keeps no replica of its own topic.
 */
@Repository
public class AppRepository implements CallerApps {
    private static final String COLUMNS = "app_id, name, secret, admin, workflows, active, created_at";
    private static final RowMapper<Stored> STORED = (rs, n) -> new Stored(app(rs), rs.getTimestamp("created_at").toInstant());

    private final JdbcTemplate jdbc;

    public AppRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An app with the time it was created. */
    public record Stored(CallerApp app, Instant createdAt) {
        public AppView view() {
            return new AppView(app.appId(), app.name(), app.admin(), app.workflows(), app.active(), createdAt, null);
        }
    }

    @Override
    public Optional<CallerApp> find(String appId) {
        return stored(appId).map(Stored::app);
    }

    public Optional<Stored> stored(String appId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM caller_app WHERE app_id = ?", STORED, appId).stream().findFirst();
    }

    public Optional<Stored> storedForUpdate(String appId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM caller_app WHERE app_id = ? FOR UPDATE", STORED, appId)
                .stream().findFirst();
    }

    public List<Stored> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM caller_app ORDER BY app_id", STORED);
    }

    /** Inserts a new app; false when one with its id appeared meanwhile. */
    public boolean insert(CallerApp app, Instant createdAt) {
        return jdbc.update("INSERT INTO caller_app (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?::text[], ?, ?)"
                        + " ON CONFLICT (app_id) DO NOTHING", app.appId(), app.name(), app.secret(), app.admin(),
                app.workflows().toArray(String[]::new), app.active(), Timestamp.from(createdAt)) == 1;
    }

    public void update(CallerApp app) {
        jdbc.update("UPDATE caller_app SET name = ?, secret = ?, admin = ?, workflows = ?::text[], active = ?"
                        + " WHERE app_id = ?", app.name(), app.secret(), app.admin(),
                app.workflows().toArray(String[]::new), app.active(), app.appId());
    }

    /** Blocks other writers of apps until the current transaction ends (republish). */
    public void lockAll() {
        jdbc.execute("LOCK TABLE caller_app IN SHARE ROW EXCLUSIVE MODE");
    }

    private static CallerApp app(ResultSet rs) throws SQLException {
        Array workflows = rs.getArray("workflows");
        return new CallerApp(rs.getString("app_id"), rs.getString("name"), rs.getString("secret"),
                rs.getBoolean("admin"),
                workflows == null ? List.of() : Arrays.asList((String[]) workflows.getArray()),
                rs.getBoolean("active"));
    }
}
