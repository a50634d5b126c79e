package dev.baton.notification.delivery;

/** The webhook refused a delivery for good (a 4xx other than 408 and 429): dead-lettered without retries. */
public class DeliveryRejectedException extends DeliveryFailedException {
    public DeliveryRejectedException(DeliveryKey delivery, String reason) {
        super(delivery, reason);
    }
}
