package org.forcelink.delivery;

import org.forcelink.routing.Recipient;

/**
 * Hands one rendered record to a recipient over one kind of transport (the {@code type:} of its
 * subscription). Every implementation passes the hub's message id along. It throws
 * {@link UndeliverableException} when retrying cannot help and anything else when it might.
 */
public interface RecipientTransport {

    /** One record for one recipient. */
    record Delivery(Recipient recipient, String messageId, Rendered rendered) {}

    /** The {@code type:} this transport serves: http, soap, jms or file. */
    String type();

    RecipientAnswer send(Delivery delivery) throws Exception;
}
