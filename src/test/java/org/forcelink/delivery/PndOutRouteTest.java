package org.forcelink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** routes/pnd-out.camel.yaml: PND XML over HTTP; PND never sees custody medication or health data. */
class PndOutRouteTest extends OneByOneRouteContract {

    PndOutRouteTest() {
        super("pnd");
    }

    @Override
    String input() throws Exception {
        return golden("pnd-xml", "custody-with-medication", Map.of());
    }

    @Override
    String expectedBody() throws Exception {
        return expected("pnd-xml", "custody-with-medication", "xml");
    }

    @Override
    String contentType() {
        return "application/xml";
    }

    @Test
    void custodyMedicationRiskAndSolicitorAreOutsidePndsAllowListAndNeverSent() throws Exception {
        startRoute();

        deliver(input());

        assertThat(body(sent.get(0))).contains("<Custody>", "<Detainee>", "<WarningMarker code=\"SH\">")
                .doesNotContain("Sertraline", "Salbutamol", "Medication", "Paramedic", "Ruth Adeyemi",
                        "Discloses depression", "fitToDetain", "PaceClock", "<Rights");
    }
}
