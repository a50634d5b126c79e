package dev.baton.notification.delivery;

/** Where a delivery stands. */
public enum DeliveryStatus {
    /** To send at {@code next_at}: not tried yet, or tried and failed with attempts left ({@code lastError}). */
    PENDING,
    /** The channel took it; it is not sent again. */
    DELIVERED,
    /** Every attempt failed, or the channel refused it for good; it is in {@code baton.notifications.dlt} and can be
     * retried ({@code POST /deliveries/{id}/retry}). */
    DEAD
}
