package org.forcelink.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.reference.ReferenceData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbound template language, piece by piece, and the mistakes it refuses when the hub starts. */
class OutboundMappingTest {

    private static final ReferenceData REFERENCE = ReferenceData.load(Path.of("config/reference"));

    @TempDir
    Path dir;

    private OutboundMapping mapping(String yaml) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("format-" + System.nanoTime()));
        Files.writeString(folder.resolve(OutboundMapping.FILE), yaml);
        return OutboundMapping.load(folder, REFERENCE);
    }

    private static JsonNode record(String json) throws IOException {
        return CanonicalJson.mapper().readTree(json);
    }

    @Test
    void jsonKeepsTypesLeavesOutWhatIsAbsentAndAppliesFunctions() throws Exception {
        OutboundMapping json = mapping("""
                output: json
                codes: { sex: { "1": M, "*": U } }
                template:
                  id: "{#/envelope/messageId}"
                  version: "{#/envelope/sourceVersion}"
                  constant: fixed
                  force: "{#/envelope/sourceForce | force:name}"
                  sex: "{#/p/sex | code:sex}"
                  unknownSex: "{#/q/sex | code:sex}"
                  day: "{#/p/at | date}"
                  gone: "{#/nothing}"
                  empty: { a: "{#/nothing}" }
                  tags: "{#/p/tags}"
                  items:
                    $each: "#/p/items"
                    $where: { path: /n, notIn: [2] }
                    $item: { n: "{/n}", top: "{#/envelope/sourceForce}" }
                """);

        Rendered rendered = json.render(record("""
                {"envelope":{"messageId":"m","sourceVersion":7,"sourceForce":"kent"},
                 "p":{"sex":"1","at":"2026-11-28T23:59:59Z","tags":["a","b"],"items":[{"n":1},{"n":2},{"n":3}]},
                 "q":{"sex":"0"}}"""));

        assertThat(rendered.bodyText()).isEqualTo("{\"id\":\"m\",\"version\":7,\"constant\":\"fixed\","
                + "\"force\":\"Kent Police\",\"sex\":\"M\",\"unknownSex\":\"U\",\"day\":\"2026-11-28\","
                + "\"tags\":[\"a\",\"b\"],\"items\":[{\"n\":1,\"top\":\"kent\"},{\"n\":3,\"top\":\"kent\"}]}");
        assertThat(rendered.contentType()).isEqualTo("application/json");
        assertThat(rendered.extension()).isEqualTo("json");
    }

    @Test
    void xmlRepeatsElementsForArraysEscapesTextAndLeavesOutEmptyElements() throws Exception {
        OutboundMapping xml = mapping("""
                output: xml
                namespace: urn:test
                templates:
                  named: { Name: "{/name}" }
                template:
                  Doc:
                    "@id": "{#/id}"
                    Tag: "{#/tags}"
                    Note: "{#/note}"
                    Missing: "{#/nothing}"
                    Person:
                      $each: "#/people"
                      $item: { $use: named, "@n": "{/n}" }
                    Only:
                      $with: "#/only"
                      $text: "{/v}"
                """);

        Rendered rendered = xml.render(record("""
                {"id":"x\\"1","tags":["a","b"],"note":"fish & <chips>\\u0001","people":[{"name":"Ann","n":1},{"n":2}],
                 "only":{"v":"w"}}"""));

        assertThat(rendered.bodyText()).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Doc xmlns="urn:test" id="x&quot;1">
                  <Tag>a</Tag>
                  <Tag>b</Tag>
                  <Note>fish &amp; &lt;chips&gt;\uFFFD</Note>
                  <Person n="1">
                    <Name>Ann</Name>
                  </Person>
                  <Person n="2"/>
                  <Only>w</Only>
                </Doc>
                """);
    }

    @Test
    void mistakesAreRefusedWhenTheMappingIsRead() {
        assertThatThrownBy(() -> mapping("output: json\ntemplate: { a: \"id {#/x}\" }"))
                .hasMessageEndingWith("template.a: 'id {#/x}' mixes text and an expression; an expression is the"
                        + " whole value");
        assertThatThrownBy(() -> mapping("output: json\ntemplate: { a: \"{#/x | upper}\" }"))
                .hasMessageEndingWith("template.a: unknown function 'upper' (code, force, date, text)");
        assertThatThrownBy(() -> mapping("output: json\ntemplate: { a: \"{#/x | code:nope}\" }"))
                .hasMessageEndingWith("template.a: code table 'nope' is not under codes:");
        assertThatThrownBy(() -> mapping("output: json\ntemplate: { a: \"{x}\" }"))
                .hasMessageEndingWith("template.a: '{x}': a path starts with /, #/ or is .");
        assertThatThrownBy(() -> mapping("output: json\ntemplate: { \"@a\": \"{#/x}\" }"))
                .hasMessageEndingWith("template: @a is for xml output only");
        assertThatThrownBy(() -> mapping("output: json\ntemplate: { a: { $use: nope } }"))
                .hasMessageEndingWith("$use: nope is not a mapping under templates:");
        assertThatThrownBy(() -> mapping("output: json\ntemplates: { t: { $use: t } }\ntemplate: { a: { $use: t } }"))
                .hasMessageEndingWith("$use: t uses itself ([t])");
        assertThatThrownBy(() -> mapping("output: xml\ntemplate: { A: x, B: y }"))
                .hasMessageEndingWith("an xml template has exactly one root element");
        assertThatThrownBy(() -> mapping("output: pdf\ntemplate: {}"))
                .hasMessageEndingWith("output must be json, xml or csv-counts");
        assertThatThrownBy(() -> mapping("output: csv-counts\ntemplate: { a: b }"))
                .hasMessageEndingWith("a csv-counts template is a $each of rows");
    }

    @Test
    void csvCountsQuoteWhatNeedsQuoting() throws Exception {
        OutboundMapping csv = mapping("""
                output: csv-counts
                columns: [a, b]
                template: { $each: "#/rows", $item: { a: "{/a}", b: "{/b}" } }
                """);

        String file = csv.csv(csv.rows(record("{\"rows\":[{\"a\":\"x,y\",\"b\":\"say \\\"hi\\\"\"},"
                + "{\"a\":\"x,y\",\"b\":\"say \\\"hi\\\"\"},{\"a\":\"a\"}]}")));

        assertThat(file).isEqualTo("a,b,count\r\na,,1\r\n\"x,y\",\"say \"\"hi\"\"\",2\r\n");
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAsAFormulaAreWrittenAsText() throws Exception {
        OutboundMapping csv = mapping("""
                output: csv-counts
                columns: [a]
                template: { $each: "#/rows", $item: { a: "{/a}" } }
                """);

        String file = csv.csv(csv.rows(record("{\"rows\":[{\"a\":\"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"},"
                + "{\"a\":\"+1+1\"},{\"a\":\"-2+3\"},{\"a\":\"@SUM(A1)\"},{\"a\":\"\\tcmd\"},"
                + "{\"a\":\"046/00\"},{\"a\":\"2026-11-28\"}]}")));

        assertThat(file).isEqualTo("a,count\r\n"
                + "'\tcmd,1\r\n'+1+1,1\r\n'-2+3,1\r\n046/00,1\r\n2026-11-28,1\r\n"
                + "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1\r\n'@SUM(A1),1\r\n");
    }
}
