package org.forcelink.delivery;

/** The recipient answered that it will not take this record (HTTP 4xx, a SOAP client fault): retrying cannot help. */
public class RecipientRefusedException extends UndeliverableException {

    public RecipientRefusedException(String message) {
        super(message);
    }
}
