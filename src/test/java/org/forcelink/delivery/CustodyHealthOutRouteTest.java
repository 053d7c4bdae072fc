package org.forcelink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** routes/custody-health-out.camel.yaml: health, risk and PACE clock only; no intelligence text, no addresses. */
class CustodyHealthOutRouteTest extends OneByOneRouteContract {

    CustodyHealthOutRouteTest() {
        super("custody-health");
    }

    @Override
    String input() throws Exception {
        return golden("custody-health-json", "custody-with-medication", Map.of());
    }

    @Override
    String expectedBody() throws Exception {
        return expected("custody-health-json", "custody-with-medication", "json");
    }

    @Override
    String contentType() {
        return "application/json";
    }

    @Test
    void warningMarkersArrestDetailsRiskNotesAndAddressesAreNeverSent() throws Exception {
        startRoute();

        deliver(input());

        assertThat(body(sent.get(0))).contains("\"medications\"", "\"dueTimes\":[\"08:00\",\"12:00\",\"16:00\",\"20:00\"]")
                .doesNotContain("Self-harm", "Violent", "warningMarkers", "PACE s.24", "Fremlin Walk",
                        "Discloses depression", "Cherrywood", "ethnicity", "W1", "2008/0123456X", "Ruth Adeyemi",
                        "Essex Police warrant");
    }

    @Test
    void aDetaineeWithoutDateOfBirthIsHeldForCustodyHealthWithoutBeingSent() throws Exception {
        startRoute();

        deliver(golden("custody-health-json", "custody-with-medication", Map.of("/custody/detainee/dateOfBirth", "")));

        assertThat(sent).isEmpty();
        assertThat(journey.events()).containsExactly(new Event(MESSAGE_ID, "held", "custody-health-out",
                "custody-health", "missing required field /custody/detainee/dateOfBirth; a corrected version"
                        + " releases it"));
    }
}
