package dev.baton.command.serial;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Human-readable ticket numbers, {@code <prefix>-<yyyyMMdd>-<n>}, unique by a per-day counter row in PostgreSQL
 * (no cache that can forget). A number taken by a create that is then refused is not reused: gaps are allowed.
 */
@Component
public class SerialNumbers {
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String prefix;

    public SerialNumbers(JdbcTemplate jdbc, Clock clock, @Value("${baton.serial.prefix:BTN}") String prefix) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.prefix = prefix;
    }

    public String next() {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Long n = jdbc.queryForObject("""
                INSERT INTO serial_counter (day, last) VALUES (?, 1)
                ON CONFLICT (day) DO UPDATE SET last = serial_counter.last + 1
                RETURNING last""", Long.class, Date.valueOf(day));
        return prefix + "-" + day.format(DAY) + "-" + String.format("%06d", n);
    }
}
