package org.forcelink.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.routing.Recipient;

/**
 * The transfer format of the {@code canonical-json} family: systems that submit canonical JSON receive
 * it too, envelope included, so the receiving force sees which force and record it came from.
 */
public final class CanonicalJsonTransferFormat implements TransferFormat {

    public static final String FAMILY = "canonical-json";

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public Rendered render(JsonNode record, Recipient.Transfer target) {
        try {
            return Rendered.text(CanonicalJson.mapper().writeValueAsString(record), "application/json", "json");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write canonical JSON", e);
        }
    }
}
