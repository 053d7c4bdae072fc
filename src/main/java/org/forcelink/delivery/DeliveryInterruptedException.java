package org.forcelink.delivery;

/**
 * The hub is stopping while a record waits for its recipient: the route rolls the record back onto its
 * queue, untouched, and the next start delivers it (with the same message id).
 */
public class DeliveryInterruptedException extends RuntimeException {

    public DeliveryInterruptedException(String message) {
        super(message);
    }
}
