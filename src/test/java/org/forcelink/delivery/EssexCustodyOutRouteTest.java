package org.forcelink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.forcelink.canonical.CanonicalJson;
import org.junit.jupiter.api.Test;

/**
 * routes/essex-custody-out.camel.yaml: a custody record of a detainee transferred to Essex goes to
 * Essex's custody system in its own format; Essex's system is canonical-json, so it is the whole record.
 */
class EssexCustodyOutRouteTest extends OneByOneRouteContract {

    EssexCustodyOutRouteTest() {
        super("essex-custody");
    }

    @Override
    String input() throws Exception {
        return golden("pnd-xml", "custody-with-medication", Map.of());
    }

    @Override
    String expectedBody() throws Exception {
        return CanonicalJson.mapper().writeValueAsString(CanonicalJson.mapper().readTree(input()));
    }

    @Override
    String contentType() {
        return "application/json";
    }

    @Test
    void theMedicationScheduleArrivesIntact() throws Exception {
        startRoute();

        deliver(input());

        JsonNode sentRecord = CanonicalJson.mapper().readTree(body(sent.get(0)));
        JsonNode source = CanonicalJson.mapper().readTree(input());
        assertThat(sentRecord.at("/custody/medications")).isEqualTo(source.at("/custody/medications"));
        assertThat(sentRecord.at("/custody/medications/1/dueTimes").toString())
                .isEqualTo("[\"08:00\",\"12:00\",\"16:00\",\"20:00\"]");
    }
}
