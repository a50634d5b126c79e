package dev.baton.standalone;

import dev.baton.testing.TestDatabases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What every table of the four services holds, as one checksum per table: to show a request changed nothing. */
final class ServiceTables {
    static final List<String> SCHEMAS = List.of("workflow_config", "ticket_command", "ticket_query",
            "notification_worker");
    /** Tables that change on every request or on their own: request nonces, processor tokens, migrations. */
    static final Set<String> VOLATILE = Set.of("auth_nonce", "token_entry", "shedlock", "flyway_schema_history");

    private ServiceTables() {
    }

    /** Checksums once nothing is moving any more: two reads a second apart that agree. */
    static Map<String, String> settled(TestDatabases.Database db) throws Exception {
        Map<String, String> previous = checksums(db);
        for (int i = 0; i < 30; i++) {
            Thread.sleep(1_000);
            Map<String, String> now = checksums(db);
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        throw new AssertionError("the services' tables did not settle");
    }

    /** A checksum of every row of every table of each service's schema, less the tables that change by themselves. */
    static Map<String, String> checksums(TestDatabases.Database db) throws SQLException {
        Map<String, String> sums = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            List<String[]> tables = new ArrayList<>();
            try (ResultSet rs = connection.createStatement().executeQuery(
                    "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                            + " AND table_schema = ANY (ARRAY['" + String.join("','", SCHEMAS) + "'])")) {
                while (rs.next()) {
                    if (!VOLATILE.contains(rs.getString(2))) {
                        tables.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            for (String[] table : tables) {
                String name = "\"" + table[0] + "\".\"" + table[1] + "\"";
                try (ResultSet rs = connection.createStatement().executeQuery(
                        "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "
                                + name + " t")) {
                    rs.next();
                    sums.put(table[0] + "." + table[1], rs.getString(1));
                }
            }
        }
        return sums;
    }
}
