package org.forcelink.delivery;

/**
 * What a transport learnt from handing a record over: it was taken ({@code ACK}, or plain delivery with
 * no acknowledgement), or the recipient refused its content with a reason ({@code NACK}), which holds
 * the record for that recipient. {@code detail} is what the journey says.
 */
public record RecipientAnswer(Outcome outcome, String detail, String reason, String reference) {

    public enum Outcome { DELIVERED, ACK, NACK }

    public static RecipientAnswer delivered(String detail) {
        return new RecipientAnswer(Outcome.DELIVERED, detail, null, null);
    }

    public boolean nack() {
        return outcome == Outcome.NACK;
    }
}
