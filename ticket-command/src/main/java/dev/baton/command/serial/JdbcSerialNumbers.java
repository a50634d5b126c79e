package dev.baton.command.serial;

import dev.baton.command.ticket.SerialNumbers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Human-readable ticket numbers, {@code <prefix>-<yyyyMMdd>-<n>}, unique by a per-day counter row in PostgreSQL
 * (no cache that can forget). The counter moves in the creating command's transaction: a create that is refused or
 * fails to append rolls it back, so no number is lost. The row stays locked until that transaction ends, which
 * orders the creates of a day.
 */
@Component
public class JdbcSerialNumbers implements SerialNumbers {
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private final JdbcTemplate jdbc;
    private final String prefix;

    public JdbcSerialNumbers(JdbcTemplate jdbc, @Value("${baton.serial.prefix:BTN}") String prefix) {
        this.jdbc = jdbc;
        this.prefix = prefix;
    }

    @Override
    public String next(Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Long n = jdbc.queryForObject("""
                INSERT INTO serial_counter (day, last) VALUES (?, 1)
                ON CONFLICT (day) DO UPDATE SET last = serial_counter.last + 1
                RETURNING last""", Long.class, Date.valueOf(day));
        return prefix + "-" + day.format(DAY) + "-" + String.format("%06d", n);
    }
}
