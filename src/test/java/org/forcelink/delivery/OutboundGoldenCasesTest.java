package org.forcelink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.reference.ReferenceData;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.routing.Recipient;
import org.forcelink.routing.Subscriptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every golden case of every recipient format: {@code mappings/<format>/cases/<case>/} holds a
 * canonical {@code input.json} and the exact {@code expected.<ext>} the recipient whose subscription
 * names that format receives for it, after its allow-list (config/subscriptions.yaml) and the mapping
 * (outbound.yaml). Each output is also checked against the format's own schema. A new case is a folder.
 */
class OutboundGoldenCasesTest {

    private static final Path MAPPINGS = Path.of("mappings");
    private static final ReferenceData REFERENCE = ReferenceData.load(Path.of("config/reference"));
    private static final Subscriptions SUBSCRIPTIONS = Subscriptions.load(Path.of("config/subscriptions.yaml"));
    private static final OutboundMappings FORMATS = OutboundMappings.load(MAPPINGS, REFERENCE);
    private static final Outbound OUTBOUND = new Outbound(SUBSCRIPTIONS, FORMATS,
            new TransferFormats(List.of(new CanonicalJsonTransferFormat())),
            ForceRegistry.load(Path.of("config/forces"), REFERENCE));

    static Stream<Path> cases() throws IOException {
        List<Path> cases = new ArrayList<>();
        for (Path folder : OutboundMapping.folders(MAPPINGS)) {
            try (Stream<Path> list = Files.list(folder.resolve("cases"))) {
                list.filter(Files::isDirectory).sorted().forEach(cases::add);
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersExactlyWhatTheRecipientGets(Path caseDir) throws Exception {
        Path folder = caseDir.getParent().getParent();
        OutboundMapping mapping = FORMATS.get(folder.getFileName().toString()).orElseThrow();
        Recipient recipient = recipientOf(mapping);
        JsonNode input = CanonicalJson.mapper().readTree(caseDir.resolve("input.json").toFile());

        Rendered rendered = OUTBOUND.render(recipient, input);

        switch (mapping.output()) {
            case JSON -> {
                assertThat(rendered.bodyText()).isEqualTo(normalisedJson(caseDir.resolve("expected.json")));
                assertThat(rendered.contentType()).isEqualTo("application/json");
                assertValidJson(folder, mapping, rendered.bodyText());
            }
            case XML -> {
                assertThat(rendered.bodyText()).isEqualTo(Files.readString(caseDir.resolve("expected.xml")));
                assertThat(rendered.contentType()).isEqualTo("application/xml");
                assertValidXml(folder, mapping, rendered.bodyText());
            }
            case CSV_COUNTS -> {
                String csv = mapping.csv(rows(rendered));
                assertThat(csv).isEqualTo(Files.readString(caseDir.resolve("expected.csv")));
                String header = Files.readString(folder.resolve(mapping.schema().orElseThrow()));
                assertThat(csv).startsWith(header);
            }
        }
    }

    /** The recipient whose subscription names this format: a case shows exactly what that recipient gets. */
    static Recipient recipientOf(OutboundMapping mapping) {
        List<Recipient> using = SUBSCRIPTIONS.recipients().stream()
                .filter(r -> mapping.id().equals(r.mapping())).toList();
        assertThat(using).as("recipients using %s", mapping.id()).hasSize(1);
        return using.get(0);
    }

    static List<JsonNode> rows(Rendered rendered) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        CanonicalJson.mapper().readTree(rendered.bodyText()).forEach(rows::add);
        return rows;
    }

    private static String normalisedJson(Path file) throws IOException {
        return CanonicalJson.mapper().writeValueAsString(CanonicalJson.mapper().readTree(file.toFile()));
    }

    private static void assertValidJson(Path folder, OutboundMapping mapping, String body) throws IOException {
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(
                Files.readString(folder.resolve(mapping.schema().orElseThrow())),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        assertThat(schema.validate(CanonicalJson.mapper().readTree(body))).isEmpty();
    }

    private static void assertValidXml(Path folder, OutboundMapping mapping, String body) throws Exception {
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(folder.resolve(mapping.schema().orElseThrow()).toFile())
                .newValidator()
                .validate(new StreamSource(new StringReader(body)));
    }
}
