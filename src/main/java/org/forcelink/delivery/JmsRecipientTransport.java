package org.forcelink.delivery;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.routing.TransportSettings;

/**
 * Puts a record on a recipient's queue on the hub's broker, with only the {@code forcelinkMessageId}
 * and {@code forcelinkContentType} properties (no other header leaves the hub) and a duplicate-detection id, so a redelivery after a crash
 * is dropped by the broker. Sent from the consuming route's thread, it joins that route's transaction.
 */
public class JmsRecipientTransport implements RecipientTransport {

    private final ProducerTemplate producer;

    public JmsRecipientTransport(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public String type() {
        return "jms";
    }

    @Override
    public RecipientAnswer send(Delivery delivery) {
        TransportSettings.Jms settings = (TransportSettings.Jms) delivery.recipient().transport();
        Exchange result = producer.send("jms:queue:" + settings.queue(), exchange -> {
            exchange.getIn().setBody(delivery.rendered().bodyText());
            exchange.getIn().setHeaders(Map.of(ForceLinkHeaders.MESSAGE_ID, delivery.messageId(),
                    ForceLinkHeaders.CONTENT_TYPE, delivery.rendered().contentType(),
                    ForceLinkHeaders.DUPLICATE_ID, "recipient:" + delivery.recipient().id() + ":" + delivery.messageId()));
        });
        if (result.getException() != null) {
            throw new RecipientUnavailableException("queue " + settings.queue() + " did not take the record",
                    result.getException());
        }
        return RecipientAnswer.delivered("sent to queue " + settings.queue());
    }
}
