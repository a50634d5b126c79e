package dev.baton.command;

import dev.baton.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;

/** A fresh test database with ticket-command's own schema, migrated by its Flyway scripts, for plain JDBC tests. */
public final class CommandSchema {
    private CommandSchema() {
    }

    public static DataSource migrated(String databasePrefix) {
        TestDatabases.Database db = TestDatabases.create(databasePrefix);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.jdbcUrl() + "?currentSchema=ticket_command",
                db.username(), db.password());
        Flyway.configure().dataSource(dataSource).schemas("ticket_command").defaultSchema("ticket_command")
                .locations("classpath:db/migration/common", "classpath:db/migration/ticket_command").load().migrate();
        return dataSource;
    }

    public static JdbcTemplate jdbc(String databasePrefix) {
        return new JdbcTemplate(migrated(databasePrefix));
    }
}
