package dev.baton.notification.delivery;

/** Where a delivery stands. */
public enum DeliveryStatus {
    /** The webhook answered 2xx; a redelivered event does not send it again. */
    DELIVERED,
    /** The last attempt failed; it is being retried (or about to be dead-lettered). */
    FAILED,
    /** Every attempt failed or the webhook refused it for good; the event is in {@code baton.notifications.dlt}. */
    DEAD
}
