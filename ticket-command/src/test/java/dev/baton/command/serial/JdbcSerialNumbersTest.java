package dev.baton.command.serial;

import dev.baton.command.CommandSchema;
import dev.baton.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Serial numbers against ticket-command's own schema in PostgreSQL: prefixes, days, time zones, the upgrade. */
class JdbcSerialNumbersTest {
    /** 17:00 UTC on 3 December: already 4 December in Shanghai. */
    static final Instant EVENING_UTC = Instant.parse("2026-12-03T17:00:00Z");

    @Test
    void theInstallationsPrefixNumbersEachDayFromOne() {
        JdbcSerialNumbers serials = new JdbcSerialNumbers(CommandSchema.jdbc("serials"), "BTN", "UTC");
        assertThat(serials.next(null, EVENING_UTC)).isEqualTo("BTN-20261203-000001");
        assertThat(serials.next(null, EVENING_UTC)).isEqualTo("BTN-20261203-000002");
        assertThat(serials.next(null, EVENING_UTC.plusSeconds(7 * 3600))).isEqualTo("BTN-20261204-000001");
    }

    @Test
    void aWorkflowsOwnPrefixCountsOnItsOwnAndTheSamePrefixSharesItsCounter() {
        JdbcSerialNumbers serials = new JdbcSerialNumbers(CommandSchema.jdbc("serials"), "BTN", "UTC");
        assertThat(serials.next(null, EVENING_UTC)).isEqualTo("BTN-20261203-000001");
        assertThat(serials.next("LEAVE", EVENING_UTC)).isEqualTo("LEAVE-20261203-000001");
        assertThat(serials.next("LEAVE", EVENING_UTC)).isEqualTo("LEAVE-20261203-000002");
        // a workflow that names the installation's prefix is numbered with everything else under it: never a twin
        assertThat(serials.next("BTN", EVENING_UTC)).isEqualTo("BTN-20261203-000002");
        assertThat(serials.next(null, EVENING_UTC)).isEqualTo("BTN-20261203-000003");
    }

    @Test
    void theDayIsTheDayInTheConfiguredTimeZone() {
        JdbcTemplate jdbc = CommandSchema.jdbc("serials");
        assertThat(new JdbcSerialNumbers(jdbc, "BTN", "Asia/Shanghai").next(null, EVENING_UTC))
                .isEqualTo("BTN-20261204-000001");
        assertThat(new JdbcSerialNumbers(jdbc, "BTN", "UTC").next(null, EVENING_UTC))
                .isEqualTo("BTN-20261203-000001");
    }

    @Test
    void withoutAZoneTheServersOwnIsUsed() {
        java.time.LocalDate local = java.time.LocalDate.ofInstant(EVENING_UTC, java.time.ZoneId.systemDefault());
        assertThat(new JdbcSerialNumbers(CommandSchema.jdbc("serials"), "BTN", "").next(null, EVENING_UTC))
                .isEqualTo("BTN-" + local.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + "-000001");
    }

    @Test
    void anUnknownZoneStopsTheStartWithOneClearSentence() {
        assertThatThrownBy(() -> new JdbcSerialNumbers(CommandSchema.jdbc("serials"), "BTN", "Mars/Olympus"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Expected baton.serial.zone to be a time zone id such as Asia/Shanghai or UTC, but got "
                        + "'Mars/Olympus'");
    }

    @Test
    void theDaysTheVersionBeforeCountedContinueUnderTheInstallationsPrefix() {
        TestDatabases.Database db = TestDatabases.create("serials");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.jdbcUrl() + "?currentSchema=ticket_command",
                db.username(), db.password());
        Flyway.configure().dataSource(dataSource).schemas("ticket_command").defaultSchema("ticket_command")
                .locations("classpath:db/migration/common", "classpath:db/migration/ticket_command").target("7")
                .load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO serial_counter (day, last) VALUES (DATE '2026-12-03', 41)");
        Flyway.configure().dataSource(dataSource).schemas("ticket_command").defaultSchema("ticket_command")
                .locations("classpath:db/migration/common", "classpath:db/migration/ticket_command").load().migrate();

        JdbcSerialNumbers serials = new JdbcSerialNumbers(jdbc, "ACME", "UTC");
        assertThat(serials.next(null, EVENING_UTC)).isEqualTo("ACME-20261203-000042");
        assertThat(serials.next("LEAVE", EVENING_UTC)).isEqualTo("LEAVE-20261203-000001");
        // the version before, still running during a rolling upgrade, takes the next number from the same row
        Long before = jdbc.queryForObject("""
                INSERT INTO serial_counter (day, last) VALUES (DATE '2026-12-03', 1)
                ON CONFLICT (day) DO UPDATE SET last = serial_counter.last + 1
                RETURNING last""", Long.class);
        assertThat(before).isEqualTo(43);
        assertThat(serials.next(null, EVENING_UTC)).isEqualTo("ACME-20261203-000044");
    }
}
