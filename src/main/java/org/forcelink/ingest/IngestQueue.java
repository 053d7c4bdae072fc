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

    /** Endpoint of the ingest queue; a test may point the hub elsewhere. */
    public static final String ENDPOINT = "jms:queue:ingest";

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
        return Map.of(ForceLinkHeaders.MESSAGE_ID, messageId, ForceLinkHeaders.FORCE, force,
                ForceLinkHeaders.SYSTEM, system, ForceLinkHeaders.RECORD_TYPE, recordType,
                ForceLinkHeaders.GROUP_ID, subject);
    }
}
