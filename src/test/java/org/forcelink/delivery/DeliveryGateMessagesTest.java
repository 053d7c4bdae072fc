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

    /** Stands for a component's message (JmsMessage), whose copies cost more than a plain one's. */
    private static final class ComponentMessage extends DefaultMessage {
        ComponentMessage(CamelContext context) {
            super(context);
        }
    }

    @Test
    void aComponentsMessageIsReplacedByAPlainOneWithTheSameContent() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            ComponentMessage received = new ComponentMessage(context);
            received.setMessageId("ID:broker-1");
            received.setBody("{\"envelope\":{}}");
            received.setHeader("forcelinkMessageId", "0190f3c2-0000-7000-8000-000000000001");
            received.setHeader("JMSRedelivered", true);
            exchange.setIn(received);

            DeliveryGate.detach(exchange);

            Message plain = exchange.getIn();
            assertThat(plain.getClass()).isEqualTo(DefaultMessage.class);
            assertThat(plain.getMessageId()).isEqualTo("ID:broker-1");
            assertThat(plain.getBody()).isEqualTo("{\"envelope\":{}}");
            assertThat(plain.getHeaders()).isEqualTo(Map.of("forcelinkMessageId",
                    "0190f3c2-0000-7000-8000-000000000001", "JMSRedelivered", true));

            DeliveryGate.detach(exchange);
            assertThat(exchange.getIn()).isSameAs(plain);
        }
    }

    @Test
    void theMessageAsTakenFromTheQueueIsPutBackForItsDeadLetterWhateverTheStepsAfterTheGateChanged()
            throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            ComponentMessage received = new ComponentMessage(context);
            received.setBody("{\"envelope\":{}}");
            received.setHeader("forcelinkMessageId", "0190f3c2-0000-7000-8000-000000000001");
            received.setHeader("JMSXGroupID", "pnc:2008/0123456X");
            exchange.setIn(received);
            DeliveryGate gate = new DeliveryGate(null, null, null, null);

            DeliveryGate.detach(exchange);
            exchange.getIn().setBody("<Nominal/>");
            exchange.getIn().setHeader("Content-Type", "application/xml");
            exchange.getIn().removeHeader("JMSXGroupID");
            gate.original(exchange);

            Message restored = exchange.getIn();
            assertThat(restored.getClass()).isEqualTo(DefaultMessage.class);
            assertThat(restored.getBody()).isEqualTo("{\"envelope\":{}}");
            assertThat(restored.getHeaders()).isEqualTo(Map.of("forcelinkMessageId",
                    "0190f3c2-0000-7000-8000-000000000001", "JMSXGroupID", "pnc:2008/0123456X"));
        }
    }

    @Test
    void aPlainMessageStaysInPlaceAndACopyIsKeptForItsDeadLetter() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getIn().setBody("{\"envelope\":{}}");
            exchange.getIn().setHeader("forcelinkMessageId", "0190f3c2-0000-7000-8000-000000000001");
            Message received = exchange.getIn();
            DeliveryGate gate = new DeliveryGate(null, null, null, null);

            DeliveryGate.detach(exchange);
            assertThat(exchange.getIn()).isSameAs(received);
            exchange.getIn().setBody("<Nominal/>");
            exchange.getIn().setHeader("Content-Type", "application/xml");
            gate.original(exchange);

            assertThat(exchange.getIn().getBody()).isEqualTo("{\"envelope\":{}}");
            assertThat(exchange.getIn().getHeaders()).isEqualTo(Map.of("forcelinkMessageId",
                    "0190f3c2-0000-7000-8000-000000000001"));
        }
    }

    @Test
    void aFailureBeforeTheGateLeavesTheMessageAsItIs() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            ComponentMessage received = new ComponentMessage(context);
            received.setBody("{\"envelope\":{}}");
            exchange.setIn(received);

            new DeliveryGate(null, null, null, null).original(exchange);

            assertThat(exchange.getIn()).isSameAs(received);
        }
    }
}
