package org.forcelink.ingest;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.forcelink.ForceLinkHeaders;

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

    private final ProducerTemplate producer;

    public IngestQueue(ProducerTemplate producer) {
        this.producer = producer;
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

    static Map<String, Object> headers(String messageId, String force, String system, String recordType,
            String subject) {
        // The duplicate-detection id lets a retry that reuses a message id (IngestService) be sent again safely.
        return Map.of(ForceLinkHeaders.MESSAGE_ID, messageId, ForceLinkHeaders.FORCE, force,
                ForceLinkHeaders.SYSTEM, system, ForceLinkHeaders.RECORD_TYPE, recordType,
                ForceLinkHeaders.GROUP_ID, subject, ForceLinkHeaders.DUPLICATE_ID, "ingest:" + messageId);
    }
}
