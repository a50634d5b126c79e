package dev.baton.notification.channel;

/** How one send went. */
public record SendResult(Outcome outcome, String detail) {

    public enum Outcome {
        /** The channel took it. */
        SENT,
        /** Worth another try: no connection, a time-out, 408, 429, 5xx, or a receiver's "too many requests". */
        RETRYABLE,
        /** Refused for good (another 4xx, a bad token or signature, no address); retrying cannot help. */
        REJECTED
    }

    public static SendResult ok() {
        return new SendResult(Outcome.SENT, null);
    }

    public static SendResult retryable(String detail) {
        return new SendResult(Outcome.RETRYABLE, abbreviate(detail));
    }

    public static SendResult rejected(String detail) {
        return new SendResult(Outcome.REJECTED, abbreviate(detail));
    }

    /** The result of an HTTP status: 2xx sent, 408, 429 and 5xx retryable, anything else rejected. */
    public static SendResult forStatus(int status, String body) {
        if (status >= 200 && status < 300) {
            return ok();
        }
        String detail = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + body.strip());
        return status == 408 || status == 429 || status >= 500 ? retryable(detail) : rejected(detail);
    }

    public boolean delivered() {
        return outcome == Outcome.SENT;
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "unknown failure";
        }
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
