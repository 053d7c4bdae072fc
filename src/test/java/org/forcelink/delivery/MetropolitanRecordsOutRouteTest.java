package org.forcelink.delivery;

import java.util.Map;
import org.forcelink.canonical.CanonicalJson;

/** routes/metropolitan-records-out.camel.yaml: a transfer to the Met's records system, canonical-json family. */
class MetropolitanRecordsOutRouteTest extends OneByOneRouteContract {

    MetropolitanRecordsOutRouteTest() {
        super("metropolitan-records");
    }

    @Override
    String input() throws Exception {
        return golden("pnd-xml", "custody-with-medication", Map.of("/custody/transfer/toForce", "metropolitan"));
    }

    @Override
    String expectedBody() throws Exception {
        return CanonicalJson.mapper().writeValueAsString(CanonicalJson.mapper().readTree(input()));
    }

    @Override
    String contentType() {
        return "application/json";
    }
}
