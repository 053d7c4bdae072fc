package org.forcelink.delivery;

/**
 * A record that no amount of retrying will deliver to a recipient (it refused it, the hub gave up, or
 * the hub has no format for it): it goes straight to the recipient's dead-letter queue with this message
 * as the cause. The message names ids and codes only, never personal data.
 */
public class UndeliverableException extends RuntimeException {

    public UndeliverableException(String message) {
        super(message);
    }

    public UndeliverableException(String message, Throwable cause) {
        super(message, cause);
    }
}
