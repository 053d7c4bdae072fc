package org.forcelink.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import org.forcelink.canonical.CanonicalJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The filter language of config/subscriptions.yaml, rule by rule. */
class RecordFilterTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {exists: /a/b}                                   | {"a":{"b":1}}                    | true
            {exists: /a/b}                                   | {"a":{"b":null}}                 | false
            {exists: /a/*}                                   | {"a":[]}                         | false
            {exists: /a/*}                                   | {"a":[{}]}                       | false
            {exists: /a/*}                                   | {"a":[{"x":1}]}                  | true
            {exists: /a}                                     | {"a":{}}                         | false
            {path: /a/*/c, equals: x}                        | {"a":[{"c":"y"},{"c":"x"}]}      | true
            {path: /a/*/c, in: [x, z]}                       | {"a":[{"c":"y"}]}                | false
            {path: /a/*/c, notIn: ['000/00']}                | {"a":[{"c":"000/00"}]}           | false
            {path: /a/*/c, notIn: ['000/00']}                | {"a":[{"c":"000/00"},{"c":"1"}]} | true
            {path: /a/*/c, notIn: ['000/00']}                | {"a":[{}]}                       | false
            {path: /n, equals: 1}                            | {"n":"1"}                        | true
            {path: /n, matches: '[0-9]{3}/[0-9]{2}'}         | {"n":"046/00"}                   | true
            {path: /n, matches: '[0-9]{3}/[0-9]{2}'}         | {"n":"46/0"}                     | false
            {anyOf: [{exists: /a}, {exists: /b}]}            | {"b":true}                       | true
            {allOf: [{exists: /a}, {exists: /b}]}            | {"b":true}                       | false
            [{exists: /a}, {exists: /b}]                     | {"a":1,"b":true}                 | true
            {not: {exists: /a}}                              | {"b":1}                          | true
            {description: anything, exists: /a}              | {"a":1}                          | true
            """)
    void decides(String filter, String record, boolean passes) throws IOException {
        assertThat(RecordFilter.parse(YAML.readTree(filter)).test(json(record))).isEqualTo(passes);
    }

    @Test
    void noFilterLetsEveryRecordThrough() throws IOException {
        assertThat(RecordFilter.parse(null).test(json("{}"))).isTrue();
    }

    @Test
    void mistakesAreNamedWhenTheFileIsRead() {
        assertThatThrownBy(() -> RecordFilter.parse(YAML.readTree("{path: /a}")))
                .hasMessage("filter on /a needs equals, in, notIn or matches (or use exists)");
        assertThatThrownBy(() -> RecordFilter.parse(YAML.readTree("{path: /a, equal: 1}")))
                .hasMessage("unknown filter key 'equal'");
        assertThatThrownBy(() -> RecordFilter.parse(YAML.readTree("{exists: a/b}")))
                .hasMessage("'a/b' is not a JSON pointer such as /custody/medications");
        assertThatThrownBy(() -> RecordFilter.parse(YAML.readTree("{anyOf: []}")))
                .hasMessage("anyOf and allOf take a non-empty list of conditions");
        assertThatThrownBy(() -> RecordFilter.parse(YAML.readTree("{exists: /a, not: {exists: /b}}")))
                .hasMessage("'not' stands alone in its filter mapping, found [exists, not]");
    }

    private static JsonNode json(String text) throws IOException {
        return CanonicalJson.mapper().readTree(text);
    }
}
