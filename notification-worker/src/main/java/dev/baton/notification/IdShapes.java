package dev.baton.notification;

import java.util.regex.Pattern;

/**
 * The shape of the ids this worker's paths name: ticket ids (UUIDs from ticket-command), delivery ids
 * ({@code <event id>:<hash>}) and hook call ids ({@code <ticket id>-v<n>-h<n>}, {@code <event id>-e<n>}). An id of
 * another shape (a control character, a slash, 200 characters) names nothing this worker keeps, so it is answered
 * as unknown without asking the database.
 */
public final class IdShapes {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");

    private IdShapes() {
    }

    /** Whether {@code id} could name a ticket, a delivery or a hook call. */
    public static boolean plausible(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
