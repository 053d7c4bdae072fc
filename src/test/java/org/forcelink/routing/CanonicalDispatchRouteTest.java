package org.forcelink.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.tracking.JourneyRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real canonical-dispatch route with the real dispatcher and config/subscriptions.yaml; only the
 * ingest queue and the canonical topic are replaced.
 */
class CanonicalDispatchRouteTest extends CamelTestSupport {

    private static final String INGEST = "direct:ingest";

    private final RecordingJourney journey = new RecordingJourney();
    private MockEndpoint canonical;

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @BeforeEach
    void loadRoute() throws Exception {
        context.getRegistry().bind("dispatcher",
                new Dispatcher(Subscriptions.load(Path.of("config/subscriptions.yaml")), journey));
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveResource(context, "file:routes/canonical-dispatch.camel.yaml"));
        AdviceWith.adviceWith(context, "canonical-dispatch", route -> {
            route.replaceFromWith(INGEST);
            route.weaveById("canonical-publish").replace().to("mock:canonical");
        });
        context.start();
        canonical = getMockEndpoint("mock:canonical");
    }

    @Test
    void custodyRecordIsPublishedOnceForPndAndCustodyHealth() throws Exception {
        String body = sample("custody-with-medication.json");
        String messageId = UUID.randomUUID().toString();
        canonical.expectedMessageCount(1);
        canonical.expectedBodiesReceived(body);
        canonical.expectedHeaderReceived(ForceLinkHeaders.RECIPIENTS, ",pnd,custody-health,");
        canonical.expectedHeaderReceived(ForceLinkHeaders.DUPLICATE_ID, "canonical:" + messageId);
        canonical.expectedHeaderReceived(ForceLinkHeaders.MESSAGE_ID, messageId);

        template.sendBodyAndHeaders(INGEST, body, headers(messageId, "custody"));

        canonical.assertIsSatisfied();
        assertThat(canonical.getReceivedExchanges().get(0).getIn().getBody()).isEqualTo(body);
        assertThat(journey.events()).containsExactly(
                new Event(messageId, "routed", "canonical-dispatch", "pnd", "subscription pnd: custody records"),
                new Event(messageId, "routed", "canonical-dispatch", "custody-health",
                        "subscription custody-health: custody records"));
        assertThat(journey.messages).isEmpty();
    }

    @Test
    void crimeRecordIsPublishedForPndOnly() throws Exception {
        String body = sample("crime.json");
        String messageId = UUID.randomUUID().toString();
        canonical.expectedMessageCount(1);
        canonical.expectedBodiesReceived(body);
        canonical.expectedHeaderReceived(ForceLinkHeaders.RECIPIENTS, ",pnd,");
        canonical.expectedHeaderReceived(ForceLinkHeaders.DUPLICATE_ID, "canonical:" + messageId);

        template.sendBodyAndHeaders(INGEST, body, headers(messageId, "crime"));

        canonical.assertIsSatisfied();
        assertThat(journey.events()).containsExactly(
                new Event(messageId, "routed", "canonical-dispatch", "pnd", "subscription pnd: crime records"));
    }

    /** The whole subscription table of config/subscriptions.yaml, written out so a config change shows here. */
    @ParameterizedTest(name = "{0} -> \"{1}\"")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            nominal      | ,pnd,
            custody      | ,pnd,custody-health,
            crime        | ,pnd,
            intelligence | ,pnd,
            caseFile     | ''
            """)
    void everyRecordTypeGetsTheRecipientsItIsEntitledTo(String recordType, String recipients) throws Exception {
        String messageId = UUID.randomUUID().toString();
        canonical.expectedMessageCount(1);
        canonical.expectedHeaderReceived(ForceLinkHeaders.RECIPIENTS, recipients);
        canonical.expectedHeaderReceived(ForceLinkHeaders.DUPLICATE_ID, "canonical:" + messageId);

        template.sendBodyAndHeaders(INGEST, "{}", headers(messageId, recordType));

        canonical.assertIsSatisfied();
    }

    @Test
    void recordNobodyIsEntitledToIsRecordedAsSuch() throws Exception {
        String messageId = UUID.randomUUID().toString();

        template.sendBodyAndHeaders(INGEST, sample("case-file.json"), headers(messageId, "caseFile"));

        assertThat(journey.events()).containsExactly(new Event(messageId, "routed", "canonical-dispatch", null,
                "no recipient is entitled to caseFile records"));
    }

    @Test
    void unknownRecordTypeFailsTheExchangeAndPublishesNothing() throws Exception {
        String messageId = UUID.randomUUID().toString();

        Exchange result = template.send(INGEST, exchange -> {
            exchange.getIn().setBody(sample("custody-with-medication.json"));
            exchange.getIn().setHeaders(headers(messageId, "unknown"));
        });

        assertThat(result.getException())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message " + messageId + " has no known record type");
        // direct: is synchronous, so anything published would already be here.
        assertThat(canonical.getReceivedExchanges()).isEmpty();
        assertThat(journey.events()).isEmpty();
    }

    private static Map<String, Object> headers(String messageId, String recordType) {
        return Map.of(ForceLinkHeaders.MESSAGE_ID, messageId, ForceLinkHeaders.RECORD_TYPE, recordType,
                ForceLinkHeaders.FORCE, "kent", ForceLinkHeaders.SYSTEM, "athena");
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = CanonicalDispatchRouteTest.class.getResourceAsStream("/canonical/" + name)) {
            assertThat(in).as("test resource canonical/%s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A journey event without its timestamp, so tests can compare whole events. */
    record Event(String messageId, String type, String actor, String recipient, String detail) {}

    /** Collects journey calls instead of writing them to the database; never started. */
    static final class RecordingJourney extends JourneyRecorder {

        final List<Event> events = new CopyOnWriteArrayList<>();
        final List<MessageRow> messages = new CopyOnWriteArrayList<>();

        RecordingJourney() {
            super(null, null, 1);
        }

        @Override
        public void event(String messageId, String type, String actor, String recipient, String detail) {
            events.add(new Event(messageId, type, actor, recipient, detail));
        }

        @Override
        public void message(MessageRow row) {
            messages.add(row);
        }

        List<Event> events() {
            return List.copyOf(events);
        }
    }
}
