package dev.baton.notification.delivery;

/** An attempt to deliver failed in a way worth retrying (no connection, time-out, 408, 429, 5xx). */
public class DeliveryFailedException extends RuntimeException {
    private final transient DeliveryKey delivery;

    public DeliveryFailedException(DeliveryKey delivery, String reason) {
        super("Delivery " + delivery.deliveryId() + " failed: " + reason);
        this.delivery = delivery;
    }

    public DeliveryKey delivery() {
        return delivery;
    }
}
