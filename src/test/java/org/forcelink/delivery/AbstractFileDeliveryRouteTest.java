package org.forcelink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.jms.JmsConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.Model;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.tracking.JourneyRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file-feed outbound route (routes/&lt;recipient&gt;-out.camel.yaml with the delivery-errors route
 * configuration) run for real against a temporary data dir; only its queue and its dead-letter queue
 * are replaced. Subclasses name the recipient and a sample record it is entitled to.
 */
abstract class AbstractFileDeliveryRouteTest extends CamelTestSupport {

    private static final String DELIVER = "direct:deliver";
    /** The retries delivery-errors declares; the test keeps the count and only shortens the waits. */
    private static final int MAXIMUM_REDELIVERIES = 5;

    @TempDir
    Path dataDir;

    private final String recipient;
    private final String sample;
    private final RecordingJourney journey = new RecordingJourney();
    private final AtomicInteger writeAttempts = new AtomicInteger();
    private MockEndpoint deadLetters;

    protected AbstractFileDeliveryRouteTest(String recipient, String sample) {
        this.recipient = recipient;
        this.sample = sample;
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    private String routeId() {
        return recipient + "-out";
    }

    private Path feed() {
        return dataDir.resolve("feeds").resolve(recipient);
    }

    @BeforeEach
    void loadRoute() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("forcelink.data-dir", dataDir.toString());
        context.getPropertiesComponent().setOverrideProperties(properties);
        context.getRegistry().bind("deliveryTracker", new DeliveryTracker(journey));
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveResource(context, "file:routes/_config/delivery-errors.camel.yaml"),
                ResourceHelper.resolveResource(context, "file:routes/" + routeId() + ".camel.yaml"));
        shortenRedeliveryDelays();
        deadLetters = getMockEndpoint("mock:dead-letter");
    }

    /** Starts the route as written: only the queue it consumes and the dead-letter queue are replaced. */
    private void startRoute() throws Exception {
        AdviceWith.adviceWith(context, routeId(), route -> {
            route.replaceFromWith(DELIVER);
            route.interceptSendToEndpoint("jms:queue:dlq.*").skipSendToOriginalEndpoint().to(deadLetters);
        });
        context.start();
    }

    /** Starts the route with its file write failing the way a full disk does, on every attempt. */
    private void startRouteWithFailingDisk() throws Exception {
        AdviceWith.adviceWith(context, routeId(), route -> {
            route.replaceFromWith(DELIVER);
            route.interceptSendToEndpoint("jms:queue:dlq.*").skipSendToOriginalEndpoint().to(deadLetters);
            route.weaveById(recipient + "-feed").replace().process(exchange -> {
                writeAttempts.incrementAndGet();
                throw new IOException("disk full");
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
            assertThat(onException.getRedeliveryPolicyType().getMaximumRedeliveries())
                    .isEqualTo(String.valueOf(MAXIMUM_REDELIVERIES));
            onException.getRedeliveryPolicyType().setRedeliveryDelay("1");
            onException.getRedeliveryPolicyType().setMaximumRedeliveryDelay("1");
        }
    }

    @Test
    void recordIsWrittenAsOneFileNamedAfterItsMessageId() throws Exception {
        startRoute();
        String body = sample(sample);
        String messageId = UUID.randomUUID().toString();

        Exchange result = template.send(DELIVER, exchange -> {
            exchange.getIn().setBody(body);
            exchange.getIn().setHeaders(Map.of(ForceLinkHeaders.MESSAGE_ID, messageId));
        });

        assertThat(result.getException()).isNull();
        assertThat(filesIn(feed())).containsExactly(messageId + ".json");
        assertThat(Files.readAllBytes(feed().resolve(messageId + ".json")))
                .isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        assertThat(journey.events()).containsExactly(
                new Event(messageId, "delivered", routeId(), recipient, "written as " + messageId + ".json"));
        assertThat(deadLetters.getReceivedExchanges()).isEmpty();
    }

    @Test
    void recordThatCannotBeWrittenIsRetriedThenDeadLetteredWithItsCause() throws Exception {
        startRouteWithFailingDisk();
        String body = sample(sample);
        String messageId = UUID.randomUUID().toString();
        deadLetters.expectedMessageCount(1);
        deadLetters.expectedBodiesReceived(body);
        deadLetters.expectedHeaderReceived(ForceLinkHeaders.MESSAGE_ID, messageId);
        deadLetters.expectedHeaderReceived(ForceLinkHeaders.RECIPIENT, recipient);
        deadLetters.expectedHeaderReceived(ForceLinkHeaders.FAILURE_CAUSE, "IOException: disk full");
        deadLetters.expectedHeaderReceived(ForceLinkHeaders.DUPLICATE_ID, "dlq:" + recipient + ":" + messageId);
        // toD to jms: is optimised into the static endpoint plus the resolved name in this header.
        deadLetters.expectedHeaderReceived(JmsConstants.JMS_DESTINATION_NAME, "dlq." + recipient);

        Exchange result = template.send(DELIVER, exchange -> {
            exchange.getIn().setBody(body);
            exchange.getIn().setHeaders(Map.of(ForceLinkHeaders.MESSAGE_ID, messageId));
        });

        deadLetters.assertIsSatisfied();
        // Handled: the consumer's transaction commits, so the broker does not redeliver on top.
        assertThat(result.getException()).isNull();
        assertThat(writeAttempts).hasValue(1 + MAXIMUM_REDELIVERIES);
        assertThat(journey.events()).singleElement().satisfies(event -> {
            assertThat(event.messageId()).isEqualTo(messageId);
            assertThat(event.type()).isEqualTo("failed");
            assertThat(event.actor()).isEqualTo(routeId());
            assertThat(event.recipient()).isEqualTo(recipient);
            assertThat(event.detail()).startsWith("dead-lettered to dlq." + recipient)
                    .endsWith("IOException: disk full");
        });
        assertThat(filesIn(feed())).isEmpty();
    }

    private static List<String> filesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = AbstractFileDeliveryRouteTest.class.getResourceAsStream("/canonical/" + name)) {
            assertThat(in).as("test resource canonical/%s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
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
