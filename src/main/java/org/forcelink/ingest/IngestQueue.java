package org.forcelink.ingest;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.broker.BrokerTopology;

/**
 * Puts accepted canonical records on the durable ingest queue. The send returns only once the broker
 * has persisted the message, which is what lets a channel answer "accepted".
 */
public class IngestQueue {

    /**
     * Endpoint of the ingest queue; a test may point the hub elsewhere. The send is not transacted: it
     * still returns only once the broker has persisted the message, and a copy the broker recognises as
     * a duplicate is dropped quietly instead of failing the send (a transacted one would be rolled back).
     */
    public static final String ENDPOINT = "jms:queue:ingest?transacted=false";

    /** A canonical record and the headers it travels with. */
    public record Outgoing(String body, Map<String, Object> headers) {}

    private final ProducerTemplate producer;
    private final ConnectionFactory connectionFactory;

    public IngestQueue(ProducerTemplate producer, ConnectionFactory connectionFactory) {
        this.producer = producer;
        this.connectionFactory = connectionFactory;
    }

    /** Sends the record; throws when it could not be made durable. */
    public void send(String canonicalJson, Map<String, Object> headers) {
        Exchange result = producer.send(ENDPOINT, exchange -> {
            exchange.getIn().setBody(canonicalJson);
            exchange.getIn().setHeaders(headers);
        });
        if (result.getException() != null) {
            throw new IllegalStateException("the ingest queue did not take the record", result.getException());
        }
    }

    /**
     * Sends the records in one broker transaction: all are durable when this returns, none when it throws.
     * The session is the sender's own, never one a message listener on this thread has open, so a commit
     * here cannot acknowledge a message someone else is still processing. The messages are the same as
     * {@link #send} makes: a text message with the headers as string properties.
     */
    public void sendAll(List<Outgoing> records) {
        if (records.isEmpty()) {
            return;
        }
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            try (MessageProducer sender = session.createProducer(session.createQueue(BrokerTopology.INGEST))) {
                for (Outgoing record : records) {
                    TextMessage message = session.createTextMessage(record.body());
                    for (Map.Entry<String, Object> header : record.headers().entrySet()) {
                        message.setStringProperty(header.getKey(), String.valueOf(header.getValue()));
                    }
                    sender.send(message);
                }
                session.commit();
            } catch (JMSException | RuntimeException e) {
                rollbackQuietly(session, e);
                throw e;
            }
        } catch (JMSException e) {
            throw new IllegalStateException("the ingest queue did not take the batch", e);
        }
    }

    private static void rollbackQuietly(Session session, Exception cause) {
        try {
            session.rollback();
        } catch (JMSException rollback) {
            cause.addSuppressed(rollback);
        }
    }

    static Map<String, Object> headers(String messageId, String force, String system, String recordType,
            String subject) {
        // The duplicate-detection id lets a retry that reuses a message id (IngestService) be sent again safely.
        return Map.of(ForceLinkHeaders.MESSAGE_ID, messageId, ForceLinkHeaders.FORCE, force,
                ForceLinkHeaders.SYSTEM, system, ForceLinkHeaders.RECORD_TYPE, recordType,
                ForceLinkHeaders.GROUP_ID, subject, ForceLinkHeaders.DUPLICATE_ID, "ingest:" + messageId);
    }
}
