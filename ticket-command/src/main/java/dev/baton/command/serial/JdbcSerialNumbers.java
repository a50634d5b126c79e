package dev.baton.command.serial;

import dev.baton.command.ticket.SerialNumbers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Human-readable ticket numbers, {@code <prefix>-<yyyyMMdd>-<n>}: the workflow's own prefix, or the installation's
 * ({@code baton.serial.prefix}, default {@code BTN}); the day in {@code baton.serial.zone} (default the server's time
 * zone). Unique by a counter row per prefix and day in PostgreSQL (no cache that can forget): the installation's
 * prefix counts in {@code serial_counter}, as earlier versions did, and every other prefix in
 * {@code serial_counter_by_prefix}; workflows that name the same prefix share its counter. The counter moves in the creating command's transaction: a create that is refused or
 * fails to append rolls it back, so no number is lost. The row stays locked until that transaction ends, which
 * orders the creates of a prefix's day.
 */
@Component
public class JdbcSerialNumbers implements SerialNumbers {
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private final JdbcTemplate jdbc;
    private final String prefix;
    private final ZoneId zone;

    public JdbcSerialNumbers(JdbcTemplate jdbc, @Value("${baton.serial.prefix:BTN}") String prefix,
                             @Value("${baton.serial.zone:}") String zone) {
        this.jdbc = jdbc;
        this.prefix = prefix;
        this.zone = zoneOf(zone);
    }

    private static ZoneId zoneOf(String zone) {
        if (zone.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalStateException("Expected baton.serial.zone to be a time zone id such as Asia/Shanghai or "
                    + "UTC, but got '" + zone + "'", e);
        }
    }

    @Override
    public String next(String workflowPrefix, Instant now) {
        LocalDate day = LocalDate.ofInstant(now, zone);
        Long n;
        String numbered;
        if (workflowPrefix == null || workflowPrefix.equals(prefix)) {
            numbered = prefix;
            n = jdbc.queryForObject("""
                    INSERT INTO serial_counter (day, last) VALUES (?, 1)
                    ON CONFLICT (day) DO UPDATE SET last = serial_counter.last + 1
                    RETURNING last""", Long.class, Date.valueOf(day));
        } else {
            numbered = workflowPrefix;
            n = jdbc.queryForObject("""
                    INSERT INTO serial_counter_by_prefix (prefix, day, last) VALUES (?, ?, 1)
                    ON CONFLICT (prefix, day) DO UPDATE SET last = serial_counter_by_prefix.last + 1
                    RETURNING last""", Long.class, numbered, Date.valueOf(day));
        }
        return numbered + "-" + day.format(DAY) + "-" + String.format("%06d", n);
    }
}
