package org.forcelink.tracking;

import java.time.Clock;
import org.forcelink.HubProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the tracking store: the journey writer and readers, search, payloads, quarantine and the audit logs. */
@Configuration(proxyBeanMethods = false)
class TrackingConfiguration {

    @Bean
    JourneyRecorder journeyRecorder(JdbcTemplate jdbc, TransactionTemplate transactions, HubProperties properties) {
        return new JourneyRecorder(jdbc, transactions, properties.tracking().batchSize(),
                new JourneySpool(properties.dataPath().resolve("tracking").resolve("spool")),
                properties.tracking().maxBufferedBytes(), properties.tracking().linger());
    }

    @Bean
    JourneyQueries journeyQueries(JdbcTemplate jdbc) {
        return new JourneyQueries(jdbc);
    }

    @Bean
    JourneySearch journeySearch(JdbcTemplate jdbc) {
        return new JourneySearch(jdbc);
    }

    @Bean
    QuarantineStore quarantineStore(JdbcTemplate jdbc) {
        return new QuarantineStore(jdbc);
    }

    @Bean
    PayloadStore payloadStore(JdbcTemplate jdbc) {
        return new PayloadStore(jdbc);
    }

    @Bean
    AccessLog accessLog(JdbcTemplate jdbc, JourneyRecorder journey, Clock clock) {
        return new AccessLog(jdbc, journey, clock);
    }

    @Bean
    SubscriptionPolicies subscriptionPolicies(HubProperties properties) {
        return SubscriptionPolicies.load(properties.configDir().resolve("subscriptions.yaml"));
    }

    @Bean
    DeliveryLog deliveryLog(JdbcTemplate jdbc, JourneyRecorder journey, SubscriptionPolicies policies, Clock clock) {
        return new DeliveryLog(jdbc, journey, policies, clock);
    }
}
