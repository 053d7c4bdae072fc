package org.forcelink.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
import org.forcelink.broker.RecordBatch;
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
    void custodyRecordWithMedicationTransferredToEssexIsPublishedOnceForItsThreeRecipients() throws Exception {
        String body = sample("custody-with-medication.json");
        String messageId = UUID.randomUUID().toString();
        canonical.expectedMessageCount(1);
        canonical.expectedBodiesReceived(body);
        canonical.expectedHeaderReceived(ForceLinkHeaders.RECIPIENTS, ",pnd,custody-health,essex-custody,");
        canonical.expectedHeaderReceived(ForceLinkHeaders.DUPLICATE_ID, "canonical:" + messageId);
        canonical.expectedHeaderReceived(ForceLinkHeaders.MESSAGE_ID, messageId);

        template.sendBodyAndHeaders(INGEST, body, headers(messageId, "custody"));

        canonical.assertIsSatisfied();
        assertThat(canonical.getReceivedExchanges().get(0).getIn().getBody()).isEqualTo(body);
        assertThat(journey.events()).containsExactly(
                new Event(messageId, "routed", "canonical-dispatch", "pnd", "subscription pnd: custody records"),
                new Event(messageId, "routed", "canonical-dispatch", "custody-health",
                        "subscription custody-health: custody records with medication or a medium or high risk"),
                new Event(messageId, "routed", "canonical-dispatch", "essex-custody",
                        "subscription essex-custody: custody records of detainees transferred to Essex Police"));
        assertThat(journey.messages).isEmpty();
    }

    @Test
    void crimeRecordWithNotifiableOffencesIsPublishedForPndAndHomeOfficeStatistics() throws Exception {
        String body = sample("crime.json");
        String messageId = UUID.randomUUID().toString();
        canonical.expectedMessageCount(1);
        canonical.expectedBodiesReceived(body);
        canonical.expectedHeaderReceived(ForceLinkHeaders.RECIPIENTS, ",pnd,home-office-stats,");
        canonical.expectedHeaderReceived(ForceLinkHeaders.DUPLICATE_ID, "canonical:" + messageId);

        template.sendBodyAndHeaders(INGEST, body, headers(messageId, "crime"));

        canonical.assertIsSatisfied();
        assertThat(journey.events()).containsExactly(
                new Event(messageId, "routed", "canonical-dispatch", "pnd", "subscription pnd: crime records"),
                new Event(messageId, "routed", "canonical-dispatch", "home-office-stats",
                        "subscription home-office-stats: crime records with a notifiable offence (Home Office"
                                + " classification other than 000/00)"));
    }

    /**
     * The subscription table of config/subscriptions.yaml, type and filter, written out so a config
     * change shows here. Each record is the smallest that shows one rule.
     */
    @ParameterizedTest(name = "{0} -> \"{2}\"")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            nominal      | {}                                                                           | ,pnd,
            custody      | {}                                                                           | ,pnd,
            custody      | {"custody":{"riskAssessment":{"outcome":"low"}}}                             | ,pnd,
            custody      | {"custody":{"riskAssessment":{"outcome":"high"}}}                            | ,pnd,custody-health,
            custody      | {"custody":{"medications":[{"name":"Insulin"}]}}                             | ,pnd,custody-health,
            custody      | {"custody":{"medications":[]}}                                               | ,pnd,
            custody      | {"custody":{"transfer":{"toForce":"essex"}}}                                 | ,pnd,essex-custody,
            custody      | {"custody":{"transfer":{"toForce":"metropolitan"}}}                          | ,pnd,metropolitan-records,
            crime        | {}                                                                           | ,pnd,
            crime        | {"crime":{"offences":[{"homeOfficeClassification":"000/00"}]}}               | ,pnd,
            crime        | {"crime":{"offences":[{"homeOfficeClassification":"000/00"},{"homeOfficeClassification":"105/01"}]}} | ,pnd,home-office-stats,
            crime        | {"crime":{"offences":[{"homeOfficeClassification":"46/0"}]}}                 | ,pnd,
            intelligence | {}                                                                           | ,pnd,
            caseFile     | {}                                                                           | ''
            caseFile     | {"caseFile":{"charges":[{"cjsOffenceCode":"TH68010"}]}}                      | ''
            caseFile     | {"caseFile":{"charges":[{"chargedAt":"2026-11-28T21:05:00Z"}]}}              | ,cps,
            """)
    void everyRecordGetsTheRecipientsEntitledToItsTypeWhoseFilterItPasses(String recordType, String body,
            String recipients) throws Exception {
        String messageId = UUID.randomUUID().toString();
        canonical.expectedMessageCount(1);
        canonical.expectedHeaderReceived(ForceLinkHeaders.RECIPIENTS, recipients);
        canonical.expectedHeaderReceived(ForceLinkHeaders.DUPLICATE_ID, "canonical:" + messageId);

        template.sendBodyAndHeaders(INGEST, body, headers(messageId, recordType));

        canonical.assertIsSatisfied();
    }

    @Test
    void aBatchIsPublishedAsRunsOfRecordsWithTheSameRecipientsInTheOrderTheyCame() throws Exception {
        String notifiable = "{\"crime\":{\"offences\":[{\"homeOfficeClassification\":\"105/01\"}]}}";
        String other = "{\"crime\":{}}";
        String uncharged = "{\"caseFile\":{}}";
        List<RecordBatch.Item> records = List.of(item("m-1", "crime", notifiable), item("m-2", "crime", notifiable),
                item("m-3", "caseFile", uncharged), item("m-4", "crime", other), item("m-5", "crime", notifiable));
        canonical.expectedMessageCount(3);

        template.sendBodyAndHeaders(INGEST, RecordBatch.encode(records), Map.of(ForceLinkHeaders.RECORDS, 5,
                ForceLinkHeaders.GROUP_ID, "subjects-3", ForceLinkHeaders.DUPLICATE_ID, "ingest:m-1+5"));

        canonical.assertIsSatisfied();
        List<Map<String, Object>> headers = canonical.getReceivedExchanges().stream()
                .map(exchange -> exchange.getIn().getHeaders()).toList();
        assertThat(headers.get(0)).isEqualTo(Map.of(ForceLinkHeaders.RECORDS, 2, ForceLinkHeaders.GROUP_ID, "subjects-3",
                ForceLinkHeaders.RECIPIENTS, ",pnd,home-office-stats,", ForceLinkHeaders.DUPLICATE_ID, "canonical:m-1+5:0"));
        assertThat(RecordBatch.decode(canonical.getReceivedExchanges().get(0).getIn().getBody(String.class)))
                .containsExactly(records.get(0), records.get(1));
        // A run of one record travels as a single record, as it would have come over HTTP: in its subject's group.
        assertThat(headers.get(1)).isEqualTo(Map.of(ForceLinkHeaders.MESSAGE_ID, "m-4", ForceLinkHeaders.RECORD_TYPE,
                "crime", ForceLinkHeaders.GROUP_ID, "kent:crime:m-4", ForceLinkHeaders.RECIPIENTS, ",pnd,",
                ForceLinkHeaders.DUPLICATE_ID, "canonical:m-4"));
        assertThat(canonical.getReceivedExchanges().get(1).getIn().getBody()).isEqualTo(other);
        assertThat(headers.get(2)).containsEntry(ForceLinkHeaders.MESSAGE_ID, "m-5")
                .containsEntry(ForceLinkHeaders.RECIPIENTS, ",pnd,home-office-stats,");
        assertThat(journey.events()).extracting(Event::messageId, Event::recipient).containsExactly(
                tuple("m-1", "pnd"), tuple("m-1", "home-office-stats"), tuple("m-2", "pnd"),
                tuple("m-2", "home-office-stats"), tuple("m-3", null), tuple("m-4", "pnd"), tuple("m-5", "pnd"),
                tuple("m-5", "home-office-stats"));
    }

    private static RecordBatch.Item item(String messageId, String recordType, String body) {
        return new RecordBatch.Item(body, Map.of(ForceLinkHeaders.MESSAGE_ID, messageId,
                ForceLinkHeaders.RECORD_TYPE, recordType, ForceLinkHeaders.GROUP_ID, "kent:crime:" + messageId));
    }

    @Test
    void custodyTransferToAForceNoSubscriptionServesIsOnTheJourney() throws Exception {
        String messageId = UUID.randomUUID().toString();
        canonical.expectedMessageCount(1);
        canonical.expectedHeaderReceived(ForceLinkHeaders.RECIPIENTS, ",pnd,");

        template.sendBodyAndHeaders(INGEST, "{\"custody\":{\"transfer\":{\"toForce\":\"cheshire\"}}}",
                headers(messageId, "custody"));

        canonical.assertIsSatisfied();
        assertThat(journey.events()).containsExactly(
                new Event(messageId, "routed", "canonical-dispatch", "pnd", "subscription pnd: custody records"),
                new Event(messageId, "routed", "canonical-dispatch", null,
                        "custody transfer to cheshire: no subscription delivers to that force's systems"));
    }

    @Test
    void recordNobodyIsEntitledToIsRecordedAsSuch() throws Exception {
        String messageId = UUID.randomUUID().toString();
        String uncharged = "{\"envelope\":{\"recordType\":\"caseFile\"},\"caseFile\":{\"urn\":\"46KA0412326\"}}";

        template.sendBodyAndHeaders(INGEST, uncharged, headers(messageId, "caseFile"));

        assertThat(journey.events()).containsExactly(new Event(messageId, "routed", "canonical-dispatch", null,
                "no recipient is entitled to this caseFile record"));
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
