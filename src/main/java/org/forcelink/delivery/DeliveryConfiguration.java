package org.forcelink.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.forcelink.HubProperties;
import org.forcelink.reference.ReferenceData;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.registry.SourceSystem;
import org.forcelink.routing.Recipient;
import org.forcelink.routing.Subscriptions;
import org.forcelink.routing.TransportSettings;
import org.forcelink.tracking.DeliveryLog;
import org.forcelink.tracking.JourneyRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Provides the beans outbound routes call by name, and checks every subscription against mappings and forces. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeliveryConfiguration.class);

    @Bean
    DeliveryTracker deliveryTracker(JourneyRecorder journey, DeliveryLog deliveryLog) {
        return new DeliveryTracker(journey, deliveryLog);
    }

    @Bean
    OutboundMappings outboundMappings(HubProperties properties, ReferenceData reference) {
        return OutboundMappings.load(properties.homeDir().resolve("mappings"), reference);
    }

    @Bean
    CanonicalJsonTransferFormat canonicalJsonTransferFormat() {
        return new CanonicalJsonTransferFormat();
    }

    @Bean
    TransferFormats transferFormats(List<TransferFormat> formats) {
        return new TransferFormats(formats);
    }

    @Bean
    Outbound outbound(Subscriptions subscriptions, OutboundMappings mappings, TransferFormats transferFormats,
            ForceRegistry registry) {
        check(subscriptions, mappings, transferFormats, registry);
        return new Outbound(subscriptions, mappings, transferFormats, registry);
    }

    @Bean
    DeliveryHolds deliveryHolds(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new DeliveryHolds(jdbc, transactions);
    }

    @Bean
    DeliveryGate deliveryGate(Subscriptions subscriptions, DeliveryHolds holds, JourneyRecorder journey, Clock clock,
            DeliveryTracker deliveryTracker) {
        return new DeliveryGate(subscriptions, holds, journey, clock, deliveryTracker);
    }

    @Bean
    HttpRecipientTransport httpRecipientTransport(Environment environment, Subscriptions subscriptions) {
        checkNotStubbed(subscriptions, environment);
        return new HttpRecipientTransport(environment::resolveRequiredPlaceholders);
    }

    @Bean
    SoapRecipientTransport soapRecipientTransport(Environment environment) {
        return new SoapRecipientTransport(environment::resolveRequiredPlaceholders);
    }

    @Bean
    JmsRecipientTransport jmsRecipientTransport(ProducerTemplate producer) {
        return new JmsRecipientTransport(producer);
    }

    @Bean
    FileRecipientTransport fileRecipientTransport(HubProperties properties) {
        return new FileRecipientTransport(properties.dataPath());
    }

    @Bean
    RecipientBreakers recipientBreakers(Subscriptions subscriptions, MeterRegistry meters) {
        return new RecipientBreakers(subscriptions, meters);
    }

    @Bean
    RecipientsHealthIndicator recipientsHealthIndicator(RecipientBreakers breakers) {
        return new RecipientsHealthIndicator(breakers);
    }

    @Bean
    RecipientTransports transports(Subscriptions subscriptions, List<RecipientTransport> transports,
            RecipientBreakers breakers) {
        return new RecipientTransports(subscriptions, transports, breakers, System::currentTimeMillis);
    }

    /**
     * Tells waiting deliveries to roll back as soon as the hub starts closing, before the routes are
     * stopped, so that shutting down never waits out a recipient's retry policy.
     */
    @Bean
    ApplicationListener<ContextClosedEvent> deliveriesStopFirst(RecipientTransports transports) {
        return new StopFirst(transports);
    }

    @Bean
    DailyFiles dailyFiles(Subscriptions subscriptions, Outbound outbound, JdbcTemplate jdbc, JourneyRecorder journey,
            HubProperties properties, Clock clock) {
        return new DailyFiles(subscriptions, outbound, jdbc, journey, properties.dataPath(), clock);
    }

    private record StopFirst(RecipientTransports transports) implements ApplicationListener<ContextClosedEvent>, Ordered {
        @Override
        public void onApplicationEvent(ContextClosedEvent event) {
            transports.stopping();
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    /**
     * Without the stubs (production), a recipient whose url still falls back to the stubs' address would
     * have every record refused and dead-lettered: start-up fails instead, naming what to set.
     */
    static void checkNotStubbed(Subscriptions subscriptions, Environment environment) {
        if (environment.getProperty("forcelink.stubs.enabled", Boolean.class, false)) {
            return;
        }
        String stubs = environment.resolvePlaceholders("${forcelink.stubs.base-url:}");
        for (Recipient recipient : subscriptions.recipients()) {
            String url = recipient.transport() instanceof TransportSettings.Http http ? http.url()
                    : recipient.transport() instanceof TransportSettings.Soap soap ? soap.url() : null;
            if (url != null && !stubs.isBlank() && environment.resolvePlaceholders(url).startsWith(stubs)) {
                throw new IllegalStateException("recipient " + recipient.id() + " would deliver to the development"
                        + " stubs (" + url + "), which are off (forcelink.stubs.enabled=false): set its address");
            }
        }
    }

    /**
     * Fails start-up on a subscription that could never deliver: an unknown mapping, a mapping that does
     * not fit the transport, a transfer to a system that is not registered. A registered system whose
     * family has no transfer format yet is only warned about: its records wait in the dead-letter queue.
     */
    static void check(Subscriptions subscriptions, OutboundMappings mappings, TransferFormats transferFormats,
            ForceRegistry registry) {
        for (Recipient recipient : subscriptions.recipients()) {
            boolean batch = recipient.transport() instanceof TransportSettings.DailyFile;
            if (recipient.transfer() != null) {
                Recipient.Transfer target = recipient.transfer();
                SourceSystem system = registry.system(target.force(), target.system()).orElseThrow(() ->
                        new IllegalStateException("config/subscriptions.yaml: recipient " + recipient.id()
                                + " transfers to " + target.force() + "/" + target.system()
                                + ", which config/forces does not register"));
                if (transferFormats.forFamily(system.family()).isEmpty()) {
                    log.warn("recipient {}: family {} of {}/{} has no transfer format yet; its records will be"
                            + " dead-lettered", recipient.id(), system.family(), target.force(), target.system());
                }
                if (batch) {
                    throw new IllegalStateException("config/subscriptions.yaml: recipient " + recipient.id()
                            + " transfers records one by one and cannot use a daily-file transport");
                }
                continue;
            }
            OutboundMapping mapping = mappings.get(recipient.mapping()).orElseThrow(() -> new IllegalStateException(
                    "config/subscriptions.yaml: recipient " + recipient.id() + " names mapping " + recipient.mapping()
                            + ", which is not a folder with " + OutboundMapping.FILE + " under mappings/"));
            if (batch != (mapping.output() == OutboundMapping.Output.CSV_COUNTS)) {
                throw new IllegalStateException("config/subscriptions.yaml: recipient " + recipient.id()
                        + (batch ? " has a daily-file transport, which needs a csv-counts mapping"
                                : " has mapping " + mapping.id() + ", whose csv-counts output needs a daily-file transport"));
            }
        }
    }
}
