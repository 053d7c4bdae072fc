package org.forcelink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.Model;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.broker.RecordBatch;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.canonical.Subjects;
import org.forcelink.reference.ReferenceData;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.routing.Subscriptions;
import org.forcelink.tracking.JourneyRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An outbound route (routes/&lt;recipient&gt;-out.camel.yaml with the delivery-errors configuration) run
 * for real with the real subscriptions, mappings, delivery gate and an in-memory tracking store; only
 * its queue, the send to the recipient and its dead-letter queue are replaced, so a test decides what
 * the recipient answers and sees exactly what it would have been sent.
 */
abstract class OutboundRouteTestSupport extends CamelTestSupport {

    static final String DELIVER = "direct:deliver";
    /** The retries delivery-errors declares for faults inside the hub; the test keeps the count, not the waits. */
    static final int MAXIMUM_REDELIVERIES = 5;
    static final Instant NOW = Instant.parse("2026-11-29T00:30:00Z");

    @TempDir
    Path dataDir;

    final String recipient;
    final RecordingJourney journey = new RecordingJourney();
    final List<Exchange> sent = new CopyOnWriteArrayList<>();
    EmbeddedDatabase database;
    JdbcTemplate jdbc;
    DeliveryHolds holds;
    MockEndpoint deadLetters;
    /** What the recipient answers each send with, or throws; by default plain delivery. */
    Function<Exchange, RecipientAnswer> recipientAnswers = exchange -> RecipientAnswer.delivered("HTTP 200 from test");

    OutboundRouteTestSupport(String recipient) {
        this.recipient = recipient;
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    String routeId() {
        return recipient + "-out";
    }

    @BeforeEach
    void loadRoute() throws Exception {
        database = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2).generateUniqueName(true)
                .addScript("file:src/main/resources/db/migration/V6__recipient_holds_and_batches.sql").build();
        jdbc = new JdbcTemplate(database);
        holds = new DeliveryHolds(jdbc, new TransactionTemplate(new DataSourceTransactionManager(database)));
        Properties properties = new Properties();
        properties.setProperty("forcelink.data-dir", dataDir.toString());
        properties.setProperty("forcelink.statistics.cron", "0 30 0 * * *");
        context.getPropertiesComponent().setOverrideProperties(properties);
        ReferenceData reference = ReferenceData.load(Path.of("config/reference"));
        Subscriptions subscriptions = Subscriptions.load(Path.of("config/subscriptions.yaml"));
        Outbound outbound = new Outbound(subscriptions, OutboundMappings.load(Path.of("mappings"), reference),
                new TransferFormats(List.of(new CanonicalJsonTransferFormat())),
                ForceRegistry.load(Path.of("config/forces"), reference));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        DeliveryTracker tracker = new DeliveryTracker(journey);
        context.getRegistry().bind("deliveryTracker", tracker);
        context.getRegistry().bind("deliveryGate", new DeliveryGate(subscriptions, holds, journey, clock, tracker));
        context.getRegistry().bind("outbound", outbound);
        context.getRegistry().bind("dailyFiles", new DailyFiles(subscriptions, outbound, jdbc, journey, dataDir, clock));
        context.getRegistry().bind("transports", new Object());
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveResource(context, "file:routes/_config/delivery-errors.camel.yaml"),
                ResourceHelper.resolveResource(context, "file:routes/" + routeId() + ".camel.yaml"));
        shortenRedeliveryDelays();
        deadLetters = getMockEndpoint("mock:dead-letter");
    }

    @AfterEach
    void closeDatabase() {
        database.shutdown();
    }

    /** Starts the route as written, its queue, send step and dead-letter queue replaced. */
    void startRoute() throws Exception {
        AdviceWith.adviceWith(context, routeId(), route -> {
            route.replaceFromWith(DELIVER);
            route.interceptSendToEndpoint("jms:queue:dlq.*").skipSendToOriginalEndpoint().to(deadLetters);
            route.weaveById(recipient + "-send").replace().process(exchange -> {
                sent.add(exchange.copy());
                RecipientAnswer answer = recipientAnswers.apply(exchange);
                exchange.setProperty(ForceLinkHeaders.ANSWER, answer);
                exchange.setProperty(ForceLinkHeaders.ACKNOWLEDGEMENT,
                        answer.outcome() == RecipientAnswer.Outcome.DELIVERED ? null : answer.outcome().name());
            });
        });
        context.start();
    }

    /** 5 retries backing off from 500 ms take 15 s; the same retries 1 ms apart test the same path. */
    private void shortenRedeliveryDelays() {
        RouteConfigurationDefinition errors = context.getCamelContextExtension().getContextPlugin(Model.class)
                .getRouteConfigurationDefinitions().stream()
                .filter(configuration -> "delivery-errors".equals(configuration.getId()))
                .findFirst().orElseThrow();
        for (OnExceptionDefinition onException : errors.getOnExceptions()) {
            if (onException.getExceptions().contains("java.lang.Exception")) {
                assertThat(onException.getRedeliveryPolicyType().getMaximumRedeliveries())
                        .isEqualTo(String.valueOf(MAXIMUM_REDELIVERIES));
                onException.getRedeliveryPolicyType().setRedeliveryDelay("1");
                onException.getRedeliveryPolicyType().setMaximumRedeliveryDelay("1");
            }
        }
    }

    /** Delivers a canonical record the way the queue would: body and the headers the hub sets. */
    Exchange deliver(String canonical) throws IOException {
        String messageId = CanonicalJson.mapper().readTree(canonical).at("/envelope/messageId").asText();
        return template.send(DELIVER, exchange -> {
            exchange.getIn().setBody(canonical);
            exchange.getIn().setHeaders(Map.of(ForceLinkHeaders.MESSAGE_ID, messageId,
                    ForceLinkHeaders.SUBJECT, "pnc:2008/0123456X", ForceLinkHeaders.GROUP_ID, "pnc:2008/0123456X"));
        });
    }

    /** Delivers canonical records the way the queue would when a dropped file's records share a message. */
    Exchange deliverBatch(List<String> canonicals) throws IOException {
        List<RecordBatch.Item> items = new ArrayList<>();
        for (String canonical : canonicals) {
            items.add(new RecordBatch.Item(canonical, Map.of(ForceLinkHeaders.MESSAGE_ID,
                    CanonicalJson.mapper().readTree(canonical).at("/envelope/messageId").asText(),
                    ForceLinkHeaders.SUBJECT, "pnc:2008/0123456X", ForceLinkHeaders.GROUP_ID, "pnc:2008/0123456X")));
        }
        return template.send(DELIVER, exchange -> {
            exchange.getIn().setBody(RecordBatch.encode(items));
            exchange.getIn().setHeaders(Map.of(ForceLinkHeaders.RECORDS, items.size(), ForceLinkHeaders.GROUP_ID,
                    Subjects.group("pnc:2008/0123456X"), ForceLinkHeaders.DUPLICATE_ID,
                    "canonical:" + items.get(0).headers().get(ForceLinkHeaders.MESSAGE_ID) + "+" + items.size() + ":0"));
        });
    }

    /** A golden input of a recipient format, optionally changed: pointer to new value, or null to remove. */
    static String golden(String format, String caseName, Map<String, Object> changes) throws IOException {
        ObjectNode record = (ObjectNode) CanonicalJson.mapper().readTree(
                Path.of("mappings", format, "cases", caseName, "input.json").toFile());
        changes.forEach((pointer, value) -> {
            int slash = pointer.lastIndexOf('/');
            ObjectNode parent = (ObjectNode) record.at(pointer.substring(0, slash));
            String field = pointer.substring(slash + 1);
            if (value == null) {
                parent.remove(field);
            } else {
                parent.set(field, CanonicalJson.mapper().valueToTree(value));
            }
        });
        return CanonicalJson.mapper().writeValueAsString(record);
    }

    static String expected(String format, String caseName, String extension) throws IOException {
        String text = Files.readString(Path.of("mappings", format, "cases", caseName, "expected." + extension));
        if (extension.equals("json")) {
            JsonNode tree = CanonicalJson.mapper().readTree(text);
            return CanonicalJson.mapper().writeValueAsString(tree);
        }
        return text;
    }

    static String body(Exchange exchange) {
        return exchange.getIn().getBody(String.class);
    }

    /** A journey event without its timestamp, so tests can compare whole events. */
    record Event(String messageId, String type, String actor, String recipient, String detail) {}

    /** Collects journey calls instead of writing them to the database; never started. */
    static final class RecordingJourney extends JourneyRecorder {

        private final List<Event> events = new CopyOnWriteArrayList<>();

        RecordingJourney() {
            super(null, null, 1);
        }

        @Override
        public void event(String messageId, String type, String actor, String recipient, String detail) {
            events.add(new Event(messageId, type, actor, recipient, detail));
        }

        @Override
        public void message(MessageRow row) {
            throw new AssertionError("an outbound route records events only, got message row " + row);
        }

        List<Event> events() {
            return List.copyOf(events);
        }
    }
}
