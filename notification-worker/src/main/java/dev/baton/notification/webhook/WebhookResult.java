package dev.baton.notification.webhook;

/** How one POST to the webhook went. */
public record WebhookResult(Outcome outcome, int status, String detail) {

    public enum Outcome {
        /** A 2xx answer. */
        DELIVERED,
        /** Worth another try: no connection, a time-out, 408, 429 or 5xx. */
        RETRYABLE,
        /** The receiver refused it for good (any other answer); retrying would not help. */
        REJECTED
    }

    public static WebhookResult forStatus(int status, String body) {
        if (status >= 200 && status < 300) {
            return new WebhookResult(Outcome.DELIVERED, status, null);
        }
        String detail = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body.strip()));
        return new WebhookResult(retryable(status) ? Outcome.RETRYABLE : Outcome.REJECTED, status, detail);
    }

    public static WebhookResult unreachable(String detail) {
        return new WebhookResult(Outcome.RETRYABLE, 0, abbreviate(detail));
    }

    public static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    public boolean delivered() {
        return outcome == Outcome.DELIVERED;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "unknown failure";
        }
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
