package org.forcelink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;

class DeliveryGateMessagesTest {

    private static final String RECORD = "{\"envelope\":{}}";
    private static final String MESSAGE_ID = "0190f3c2-0000-7000-8000-000000000001";

    /** Stands for a component's message (JmsMessage), whose copies cost more than a plain one's. */
    private static final class ComponentMessage extends DefaultMessage {
        ComponentMessage(CamelContext context) {
            super(context);
        }
    }

    /** The record as the queue's consumer hands it to a route: a component's message with these headers. */
    private static ComponentMessage received(Exchange exchange, Map<String, Object> headers) {
        ComponentMessage received = new ComponentMessage(exchange.getContext());
        received.setBody(RECORD);
        headers.forEach(received::setHeader);
        exchange.setIn(received);
        return received;
    }

    @Test
    void aComponentsMessageIsReplacedByAPlainOneWithTheSameContent() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            received(exchange, Map.of("forcelinkMessageId", MESSAGE_ID, "JMSRedelivered", true))
                    .setMessageId("ID:broker-1");

            DeliveryGate.detach(exchange);

            Message plain = exchange.getIn();
            assertThat(plain.getClass()).isEqualTo(DefaultMessage.class);
            assertThat(plain.getMessageId()).isEqualTo("ID:broker-1");
            assertThat(plain.getBody()).isEqualTo(RECORD);
            assertThat(plain.getHeaders()).isEqualTo(Map.of("forcelinkMessageId", MESSAGE_ID, "JMSRedelivered", true));

            DeliveryGate.detach(exchange);
            assertThat(exchange.getIn()).isSameAs(plain);
        }
    }

    @Test
    void theMessageAsTakenFromTheQueueIsPutBackForItsDeadLetterWhateverTheStepsAfterTheGateChanged()
            throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            received(exchange, Map.of("forcelinkMessageId", MESSAGE_ID, "JMSXGroupID", "pnc:2008/0123456X"));
            DeliveryGate gate = new DeliveryGate(null, null, null, null);

            DeliveryGate.detach(exchange);
            exchange.getIn().setBody("<Nominal/>");
            exchange.getIn().setHeader("Content-Type", "application/xml");
            exchange.getIn().removeHeader("JMSXGroupID");
            gate.original(exchange);

            Message restored = exchange.getIn();
            assertThat(restored.getClass()).isEqualTo(DefaultMessage.class);
            assertThat(restored.getBody()).isEqualTo(RECORD);
            assertThat(restored.getHeaders()).isEqualTo(Map.of("forcelinkMessageId", MESSAGE_ID,
                    "JMSXGroupID", "pnc:2008/0123456X"));
        }
    }

    @Test
    void aPlainMessageStaysInPlaceAndACopyIsKeptForItsDeadLetter() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getIn().setBody(RECORD);
            exchange.getIn().setHeader("forcelinkMessageId", MESSAGE_ID);
            Message received = exchange.getIn();
            DeliveryGate gate = new DeliveryGate(null, null, null, null);

            DeliveryGate.detach(exchange);
            assertThat(exchange.getIn()).isSameAs(received);
            exchange.getIn().setBody("<Nominal/>");
            exchange.getIn().setHeader("Content-Type", "application/xml");
            gate.original(exchange);

            assertThat(exchange.getIn().getBody()).isEqualTo(RECORD);
            assertThat(exchange.getIn().getHeaders()).isEqualTo(Map.of("forcelinkMessageId", MESSAGE_ID));
        }
    }

    @Test
    void aFailureBeforeTheGateLeavesTheMessageAsItIs() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            ComponentMessage received = received(exchange, Map.of());

            new DeliveryGate(null, null, null, null).original(exchange);

            assertThat(exchange.getIn()).isSameAs(received);
        }
    }
}
