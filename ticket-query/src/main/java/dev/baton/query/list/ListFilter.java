package dev.baton.query.list;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.TicketStatus;
import org.springframework.util.MultiValueMap;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The filters and paging of a list request, validated: bad values are refused with 400 before any query runs.
 *
 * @param createdFrom inclusive
 * @param createdTo   exclusive
 * @param title       matches titles containing it, ignoring case
 * @param serialNo    matches serial numbers starting with it
 * @param parent      the child tickets of this ticket only
 */
public record ListFilter(String workflow, String state, TicketStatus status, Instant createdFrom, Instant createdTo,
                         String title, String serialNo, String parent, int limit, Cursor cursor) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static ListFilter parse(MultiValueMap<String, String> query) {
        Instant from = instant("createdFrom", blankToNull(query.getFirst("createdFrom")));
        Instant to = instant("createdTo", blankToNull(query.getFirst("createdTo")));
        if (from != null && to != null && !from.isBefore(to)) {
            throw invalid("Expected createdFrom before createdTo, but got " + from + " and " + to);
        }
        String cursor = blankToNull(query.getFirst("cursor"));
        return new ListFilter(blankToNull(query.getFirst("workflow")), blankToNull(query.getFirst("state")),
                status(blankToNull(query.getFirst("status"))), from, to, blankToNull(query.getFirst("title")),
                blankToNull(query.getFirst("serialNo")), blankToNull(query.getFirst("parent")),
                limit(blankToNull(query.getFirst("limit"))),
                cursor == null ? null : Cursor.decode(cursor));
    }

    private static TicketStatus status(String value) {
        if (value == null) {
            return null;
        }
        try {
            return TicketStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("Expected status to be one of " + Arrays.toString(TicketStatus.values()) + ", but got '"
                    + value + "'");
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException again) {
                throw invalid("Expected " + name + " to be an ISO-8601 instant such as 2026-01-31T00:00:00Z, but got '"
                        + value + "'");
            }
        }
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid("Expected limit to be a whole number from 1 to " + MAX_LIMIT + ", but got '" + value + "'");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static BatonException invalid(String detail) {
        return new BatonException(ErrorCode.INVALID_INPUT, detail);
    }
}
