package org.forcelink.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.forcelink.canonical.CanonicalJson;
import org.junit.jupiter.api.Test;

/** Wildcard pointers: what they find, and which concrete fields a required path misses. */
class FieldPathTest {

    private static final String CASE_FILE = """
            {"caseFile":{"asn":"","charges":[{"cjsOffenceCode":"TH68010"},{"wording":"no code"},
             {"cjsOffenceCode":null}],"defendant":{"surname":"Brannigan"}}}""";

    @Test
    void findsEveryValueAWildcardReaches() throws IOException {
        assertThat(FieldPath.parse("/caseFile/charges/*/cjsOffenceCode").values(json(CASE_FILE)))
                .extracting(JsonNode::asText).containsExactly("TH68010");
    }

    @Test
    void namesEachMissingFieldConcretely() throws IOException {
        JsonNode record = json(CASE_FILE);

        assertThat(FieldPath.parse("/caseFile/charges/*/cjsOffenceCode").missing(record))
                .containsExactly("/caseFile/charges/1/cjsOffenceCode", "/caseFile/charges/2/cjsOffenceCode");
        assertThat(FieldPath.parse("/caseFile/asn").missing(record)).containsExactly("/caseFile/asn");
        assertThat(FieldPath.parse("/caseFile/firstHearing/courtCode").missing(record))
                .containsExactly("/caseFile/firstHearing/courtCode");
        assertThat(FieldPath.parse("/caseFile/defendant/surname").missing(record)).isEmpty();
    }

    @Test
    void aWildcardOverAnEmptyOrMissingArrayMissesTheWholePath() throws IOException {
        assertThat(FieldPath.parse("/caseFile/charges/*/cjsOffenceCode").missing(json("{\"caseFile\":{\"charges\":[]}}")))
                .containsExactly("/caseFile/charges/*/cjsOffenceCode");
        assertThat(FieldPath.parse("/caseFile/charges/*/cjsOffenceCode").missing(json("{}")))
                .containsExactly("/caseFile/charges/*/cjsOffenceCode");
    }

    @Test
    void escapedSegmentsAreUnescaped() throws IOException {
        assertThat(FieldPath.parse("/a~1b/c~0d").values(json("{\"a/b\":{\"c~d\":7}}")))
                .extracting(JsonNode::asInt).containsExactly(7);
    }

    private static JsonNode json(String text) throws IOException {
        return CanonicalJson.mapper().readTree(text);
    }
}
