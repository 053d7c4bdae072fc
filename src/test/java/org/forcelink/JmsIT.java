package org.forcelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The JMS source through the whole hub, as a force system would use it: an Artemis core connection to the
 * embedded broker's acceptor, records put on inbound.kent.custody, acknowledgements read from acks.kent by
 * correlation id, and the records delivered to the feeds with exact canonical content.
 */
class JmsIT extends HubTestSupport {

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final long ACK_WAIT_MILLIS = 30_000;

    @Value("${forcelink.broker.acceptor-url}")
    String acceptorUrl;
    @Value("${forcelink.broker.user}")
    String brokerUser;
    @Value("${forcelink.broker.password}")
    String brokerPassword;

    private Connection connection;
    private Session session;

    @BeforeEach
    void connect() throws JMSException {
        connection = new ActiveMQConnectionFactory(acceptorUrl).createConnection(brokerUser, brokerPassword);
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @AfterEach
    void disconnect() throws JMSException {
        connection.close();
    }

    private void send(String queue, Message message) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            producer.send(message);
        }
    }

    private TextMessage text(String correlationId, String body) throws JMSException {
        TextMessage message = session.createTextMessage(body);
        message.setJMSCorrelationID(correlationId);
        return message;
    }

    /** The acknowledgement for a correlation id, read from acks.kent. */
    private TextMessage ackFor(String correlationId) throws JMSException {
        try (MessageConsumer consumer = session.createConsumer(session.createQueue("acks.kent"),
                "JMSCorrelationID = '" + correlationId + "'")) {
            Message ack = consumer.receive(ACK_WAIT_MILLIS);
            assertThat(ack).as("acknowledgement for %s", correlationId).isInstanceOf(TextMessage.class);
            return (TextMessage) ack;
        }
    }

    private static String input(String caseName) {
        return new String(caseFile(caseName, "input.json"), StandardCharsets.UTF_8);
    }

    @Test
    void recordOnTheInboundQueueReachesTheFeedsAndIsAcknowledgedOnTheForcesAckQueue() throws Exception {
        send("inbound.kent.custody", text("jms-it-1", input("custody-with-medication")));

        TextMessage answer = ackFor("jms-it-1");

        JsonNode ack = json(answer.getText());
        String id = ack.get("messageId").asText();
        assertThat(ack.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(answer.getStringProperty("forcelinkMessageId")).isEqualTo(id);
        assertThat(answer.getStringProperty("forcelinkStatus")).isEqualTo("ACCEPTED");
        assertThat(answer.getStringProperty("forcelinkSystem")).isEqualTo("custody");
        String expected = expectedCanonical("custody-with-medication", "custody", ack);
        await().atMost(DELIVERY).until(() -> HubApi.deliveredTo(port, KENT, "pnd", id) && HubApi.deliveredTo(port, KENT, "custody-health", id));
        assertThat(HubApi.canonicalOf(port, id)).isEqualTo(expected);
        assertThat(HubApi.canonicalOf(port, id)).isEqualTo(expected);
        JsonNode received = json(get("/api/v1/messages/" + id, KENT).body()).get("events").get(0);
        assertThat(received.get("actor").asText()).isEqualTo("inbound.kent.custody");
        assertThat(received.get("detail").asText()).startsWith("jms, ");
    }

    @Test
    void unparseableMessageGetsARejectedAckAndTheNextMessageIsStillDelivered() throws Exception {
        send("inbound.kent.custody", text("jms-it-bad", "{\"envelope\": {\"recordType\": "));
        send("inbound.kent.custody", session.createMapMessage());
        send("inbound.kent.custody", text("jms-it-next", input("nominal")));

        JsonNode rejected = json(ackFor("jms-it-bad").getText());
        JsonNode next = json(ackFor("jms-it-next").getText());

        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("exceptions").get(0).get("code").asText()).isEqualTo("FL-UNPARSEABLE");
        String journey = "/api/v1/messages/" + rejected.get("messageId").asText();
        await().atMost(DELIVERY).until(() -> get(journey, KENT).statusCode() == 200);
        assertThat(json(get(journey, KENT).body()).get("status").asText()).isEqualTo("REJECTED");
        assertThat(next.get("status").asText()).isEqualTo("ACCEPTED");
        String id = next.get("messageId").asText();
        await().atMost(DELIVERY).until(() -> HubApi.deliveredTo(port, KENT, "pnd", id));
        assertThat(HubApi.canonicalOf(port, id)).isEqualTo(expectedCanonical("nominal", "custody", next));
    }

    @Test
    void messageWithoutCorrelationIdIsAnsweredUnderItsMessageId() throws Exception {
        TextMessage message = session.createTextMessage(input("nominal"));
        send("inbound.kent.custody", message);

        TextMessage answer = ackFor(message.getJMSMessageID());

        assertThat(json(answer.getText()).get("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void messageForASystemWithoutTheJmsChannelWaitsUnreadOnItsQueue() throws Exception {
        send("inbound.kent.crime", text("jms-it-crime", input("crime-two-offences")));

        try (QueueBrowser browser = session.createBrowser(session.createQueue("inbound.kent.crime"))) {
            List<String> waiting = new ArrayList<>();
            for (Enumeration<?> messages = browser.getEnumeration(); messages.hasMoreElements(); ) {
                waiting.add(((Message) messages.nextElement()).getJMSCorrelationID());
            }
            assertThat(waiting).containsExactly("jms-it-crime");
        }
    }
}
