package org.forcelink.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.forcelink.canonical.CanonicalJson;
import org.junit.jupiter.api.Test;

class CompiledMappingPointerTest {

    @Test
    void answersAsJsonPointerDoes() throws Exception {
        JsonNode root = CanonicalJson.mapper().readTree("""
                {"envelope":{"sourceForce":"kent","mapping":{"id":"x"}},
                 "crime":{"offences":[{"code":"A","attempted":false},{"code":null}],"a/b":{"~":1},"0":"zero",
                          "suspects":[]}}""");
        List<String> pointers = List.of("", "/envelope", "/envelope/sourceForce", "/envelope/missing",
                "/envelope/sourceForce/deeper", "/crime/offences/0/code", "/crime/offences/1/code",
                "/crime/offences/2/code", "/crime/offences/01/code", "/crime/offences/-1", "/crime/offences/x",
                "/crime/offences/99999999999", "/crime/a~1b/~0", "/crime/a~1b/~1", "/crime/0", "/crime/suspects/0",
                "/crime/offences/0/attempted", "/crime/", "/");
        for (String pointer : pointers) {
            assertThat(CompiledMapping.present(root, pointer)).as(pointer).isEqualTo(!root.at(pointer).isMissingNode());
        }
    }
}
