package org.forcelink.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.forcelink.canonical.CanonicalJson;
import org.junit.jupiter.api.Test;

class JsonDiffTest {

    @Test
    void reportsChangedAddedAndRemovedValuesByJsonPointer() throws Exception {
        JsonNode was = tree("{\"a\":1,\"b\":{\"c\":\"x\",\"gone\":true},\"list\":[1,2],\"same\":\"s\",\"a/b\":0}");
        JsonNode now = tree("{\"a\":2,\"b\":{\"c\":\"x\",\"new\":null,\"added\":[1]},\"list\":[1],\"same\":\"s\",\"a/b\":1}");

        assertThat(CanonicalJson.mapper().writeValueAsString(JsonDiff.between(was, now))).isEqualTo("["
                + "{\"path\":\"/a\",\"was\":1,\"now\":2},"
                + "{\"path\":\"/b/gone\",\"was\":true},"
                + "{\"path\":\"/b/added\",\"now\":[1]},"
                + "{\"path\":\"/list/1\",\"was\":2},"
                + "{\"path\":\"/a~1b\",\"was\":0,\"now\":1}]");
    }

    @Test
    void identicalRecordsHaveNoChangesAndAWholeNewRecordIsOneChange() throws Exception {
        JsonNode record = tree("{\"envelope\":{\"messageId\":\"m\"},\"crime\":{\"status\":\"Charged\"}}");

        assertThat(JsonDiff.between(record, record.deepCopy())).isEmpty();
        assertThat(JsonDiff.between(null, record)).singleElement()
                .satisfies(change -> assertThat(change.path()).isEqualTo("/"));
    }

    @Test
    void stopsAtTheMostChangesItReports() throws Exception {
        StringBuilder was = new StringBuilder("{");
        StringBuilder now = new StringBuilder("{");
        for (int i = 0; i < 150; i++) {
            was.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":0");
            now.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":1");
        }

        assertThat(JsonDiff.between(tree(was + "}"), tree(now + "}"))).hasSize(JsonDiff.MAX_CHANGES);
    }

    private static JsonNode tree(String json) throws Exception {
        return CanonicalJson.mapper().readTree(json);
    }
}
