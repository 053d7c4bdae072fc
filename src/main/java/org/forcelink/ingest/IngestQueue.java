package org.forcelink.ingest;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.broker.BrokerTopology;
import org.forcelink.broker.RecordBatch;
import org.forcelink.canonical.Subjects;

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
     * Records whose subjects share a group of subjects ({@link Subjects#group}) go together, in order, in
     * messages ({@link RecordBatch}, at most {@link RecordBatch#MAX_CHARS} characters of records each)
     * whose message group is that group of subjects; a record alone in its message goes as {@link #send}
     * sends it, in its subject's own message group. A batch's duplicate-detection id is made of its
     * first record's message id and its size, so the broker keeps one copy of a batch sent again with the
     * same records (a file read again after a crash, whose records keep their message ids); within this
     * transaction a duplicate fails the whole send (docs/reliability.md). The session is
     * the sender's own, never one a message listener on this thread has open, so a commit here cannot
     * acknowledge a message someone else is still processing.
     */
    public void sendAll(List<Outgoing> records) {
        if (records.isEmpty()) {
            return;
        }
        Map<String, List<Outgoing>> groups = new LinkedHashMap<>();
        for (Outgoing record : records) {
            groups.computeIfAbsent(Subjects.group(String.valueOf(record.headers().get(ForceLinkHeaders.SUBJECT))),
                    group -> new ArrayList<>()).add(record);
        }
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            try (MessageProducer sender = session.createProducer(session.createQueue(BrokerTopology.INGEST))) {
                for (Map.Entry<String, List<Outgoing>> group : groups.entrySet()) {
                    for (List<Outgoing> members : RecordBatch.runs(group.getValue(), record -> record.body().length())) {
                        sender.send(members.size() == 1 ? single(session, members.get(0))
                                : batch(session, group.getKey(), members));
                    }
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

    /** A text message with the headers as string properties, as {@link #send} makes it. */
    private static TextMessage single(Session session, Outgoing record) throws JMSException {
        TextMessage message = session.createTextMessage(record.body());
        for (Map.Entry<String, Object> header : record.headers().entrySet()) {
            message.setStringProperty(header.getKey(), String.valueOf(header.getValue()));
        }
        return message;
    }

    private static TextMessage batch(Session session, String group, List<Outgoing> records) throws JMSException {
        List<RecordBatch.Item> items = new ArrayList<>(records.size());
        for (Outgoing record : records) {
            Map<String, String> headers = new LinkedHashMap<>();
            record.headers().forEach((name, value) -> headers.put(name, String.valueOf(value)));
            headers.remove(ForceLinkHeaders.DUPLICATE_ID);
            items.add(new RecordBatch.Item(record.body(), headers));
        }
        TextMessage message = session.createTextMessage(RecordBatch.encode(items));
        Map<String, Object> first = records.get(0).headers();
        message.setStringProperty(ForceLinkHeaders.GROUP_ID, group);
        message.setIntProperty(ForceLinkHeaders.RECORDS, records.size());
        message.setStringProperty(ForceLinkHeaders.DUPLICATE_ID,
                "ingest:" + first.get(ForceLinkHeaders.MESSAGE_ID) + "+" + records.size());
        return message;
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
                ForceLinkHeaders.SUBJECT, subject, ForceLinkHeaders.GROUP_ID, subject,
                ForceLinkHeaders.DUPLICATE_ID, "ingest:" + messageId);
    }
}
