package org.forcelink.ingest.jms;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.broker.BrokerTopology;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.ingest.Acknowledgement;
import org.forcelink.ingest.IngestResult;
import org.forcelink.ingest.IngestService;
import org.forcelink.ingest.Submission;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.registry.SourceSystem;

/**
 * The JMS source (called by the {@code jms-in} routes): hands the record on {@code inbound.<force>.<system>}
 * to the ingest gate and turns the message into its acknowledgement for {@code acks.<force>}. The force is
 * the queue's, never a property of the message. A message that cannot be understood is answered REJECTED
 * like any unreadable record, so it never blocks the queue; only a record the hub could not make durable
 * fails the exchange, so that the broker redelivers it later.
 */
public class JmsRecords {

    /** JMS standard header the acknowledgement is correlated by. */
    static final String CORRELATION_ID = "JMSCorrelationID";

    private final IngestService ingest;
    private final ForceRegistry registry;
    private final long maxRecordBytes;

    public JmsRecords(IngestService ingest, ForceRegistry registry, long maxRecordBytes) {
        this.ingest = ingest;
        this.registry = registry;
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * Submits the message's record and replaces the message with the acknowledgement: its JSON (ARCHITECTURE
     * 3.4) as body, correlated by the incoming JMSCorrelationID, or the incoming JMSMessageID when it has none.
     * The message id is also the record's idempotency key, so a message redelivered after a crash gets its
     * first answer again and is not forwarded twice.
     */
    public void submit(Exchange exchange, String force, String system) throws JMSException {
        jakarta.jms.Message in = exchange.getIn().getBody(jakarta.jms.Message.class);
        if (in == null) {
            throw new IllegalArgumentException("no JMS message to read on "
                    + BrokerTopology.inboundQueue(force, system));
        }
        String contentType = registry.system(force, system).map(SourceSystem::contentTypes)
                .map(types -> types.get(0)).orElse(null);
        String key = in.getJMSMessageID() == null ? null : "jms:" + in.getJMSMessageID();
        Submission empty = new Submission(BrokerTopology.inboundQueue(force, system), force, system, "jms",
                contentType, new byte[0], key);
        IngestResult result;
        if (in instanceof TextMessage text) {
            String body = text.getText();
            result = submitBytes(empty, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
        } else if (in instanceof BytesMessage bytes) {
            result = bytes.getBodyLength() > maxRecordBytes ? tooLarge(empty) : submitBytes(empty, body(bytes));
        } else {
            result = ingest.reject(empty, "FL-UNPARSEABLE", "", "a record is sent as a TextMessage or a"
                    + " BytesMessage; this message carries none (" + kind(in) + ")");
        }
        exchange.setMessage(acknowledgement(exchange, result, correlationId(in), force, system));
    }

    private IngestResult submitBytes(Submission empty, byte[] payload) {
        if (payload.length > maxRecordBytes) {
            return tooLarge(empty);
        }
        return ingest.submit(new Submission(empty.credentialId(), empty.force(), empty.system(), empty.channel(),
                empty.contentType(), payload, empty.idempotencyKey()));
    }

    /** Over the limit: answered REJECTED; the record itself is not kept (the sender still has it). */
    private IngestResult tooLarge(Submission empty) {
        return ingest.reject(empty, "FL-LIMIT", "", "the body exceeds a limit: a record may be at most "
                + maxRecordBytes + " bytes; this one was not kept");
    }

    private static Message acknowledgement(Exchange exchange, IngestResult result, String correlationId,
            String force, String system) {
        Acknowledgement ack = switch (result.outcome()) {
            case ACCEPTED, REJECTED, REPLAYED -> result.acknowledgement();
            case CONFLICT, UNAVAILABLE -> throw new IllegalStateException(result.detail());
        };
        Message message = new DefaultMessage(exchange.getContext());
        message.setBody(json(ack));
        if (correlationId != null) {
            message.setHeader(CORRELATION_ID, correlationId);
        }
        message.setHeader(ForceLinkHeaders.MESSAGE_ID, ack.messageId());
        message.setHeader(ForceLinkHeaders.ACK_STATUS, ack.status().name());
        message.setHeader(ForceLinkHeaders.FORCE, force);
        message.setHeader(ForceLinkHeaders.SYSTEM, system);
        if (result.outcome() == IngestResult.Outcome.REPLAYED) {
            message.setHeader(ForceLinkHeaders.REPLAYED, true);
        }
        return message;
    }

    private static String correlationId(jakarta.jms.Message in) throws JMSException {
        String correlation = in.getJMSCorrelationID();
        return correlation != null && !correlation.isEmpty() ? correlation : in.getJMSMessageID();
    }

    private static byte[] body(BytesMessage message) throws JMSException {
        byte[] body = new byte[(int) message.getBodyLength()];
        message.readBytes(body);
        return body;
    }

    private static String kind(jakarta.jms.Message in) {
        if (in instanceof MapMessage) {
            return "a MapMessage";
        }
        if (in instanceof ObjectMessage) {
            return "an ObjectMessage, which is never deserialized";
        }
        if (in instanceof StreamMessage) {
            return "a StreamMessage";
        }
        return "a message without a body";
    }

    private static String json(Acknowledgement ack) {
        try {
            return CanonicalJson.mapper().writeValueAsString(ack);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
