package org.forcelink.delivery;

/** The recipient could not take the record now (HTTP 5xx, 408, 429, a SOAP server fault): worth another try later. */
public class RecipientUnavailableException extends RuntimeException {

    public RecipientUnavailableException(String message) {
        super(message);
    }

    public RecipientUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
