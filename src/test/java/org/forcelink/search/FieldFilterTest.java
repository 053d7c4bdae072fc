package org.forcelink.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.forcelink.canonical.CanonicalJson;
import org.junit.jupiter.api.Test;

class FieldFilterTest {

    private static final String CUSTODY = """
            {"envelope": {"messageId": "m-1", "sourceForce": "kent", "sourceRecordId": "46CS/1"},
             "custody": {"custodyNumber": "46CS/1",
                         "detainee": {"surname": "Brannigan", "addresses": [{"line1": "27 Cherrywood Close"}],
                                      "warningMarkers": [{"code": "SH", "description": "Self-harm"}]},
                         "medications": [{"name": "Sertraline", "dose": "100 mg"}, {"name": "Salbutamol"}],
                         "riskAssessment": {"outcome": "medium", "notes": "CCTV cell"},
                         "arrest": {"location": "Fremlin Walk"}}}
            """;

    @Test
    void keepsOnlyTheAllowedFieldsWithListsWalkedWithoutIndex() throws IOException {
        FieldFilter filter = new FieldFilter(List.of("/envelope/sourceRecordId", "/custody/detainee/surname",
                "/custody/detainee/warningMarkers", "/custody/medications/name", "/custody/riskAssessment"));

        assertThat(filter.apply(json(CUSTODY)).toString()).isEqualTo("""
                {"envelope":{"sourceRecordId":"46CS/1"},"custody":{"detainee":{"surname":"Brannigan",\
                "warningMarkers":[{"code":"SH","description":"Self-harm"}]},\
                "medications":[{"name":"Sertraline"},{"name":"Salbutamol"}],\
                "riskAssessment":{"outcome":"medium","notes":"CCTV cell"}}}""");
    }

    @Test
    void aRecordWithNothingAllowedIsNothing() throws IOException {
        FieldFilter filter = new FieldFilter(List.of("/nominal/surname", "/intelligence/intelligenceId"));

        assertThat(filter.apply(json(CUSTODY))).isNull();
    }

    @Test
    void aListElementWithNothingAllowedIsLeftOutAndAPointerDeeperThanAValueKeepsNothing() throws IOException {
        FieldFilter filter = new FieldFilter(List.of("/custody/medications/dose", "/custody/custodyNumber/x"));

        assertThat(filter.apply(json(CUSTODY)).toString())
                .isEqualTo("{\"custody\":{\"medications\":[{\"dose\":\"100 mg\"}]}}");
    }

    @Test
    void allowsConcretePointersWithIndices() {
        FieldFilter filter = new FieldFilter(List.of("/custody/medications", "/custody/detainee/surname"));

        assertThat(filter.allows("/custody/medications/1/dueTimes/0")).isTrue();
        assertThat(filter.allows("/custody/detainee/surname")).isTrue();
        assertThat(filter.allows("/custody/detainee")).isFalse();
        assertThat(filter.allows("/custody/detainee/ethnicity/selfDefined")).isFalse();
        assertThat(filter.allows("")).isFalse();
    }

    private static JsonNode json(String text) throws IOException {
        return CanonicalJson.mapper().readTree(text);
    }
}
