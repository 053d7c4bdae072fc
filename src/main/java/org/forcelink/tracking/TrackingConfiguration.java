package org.forcelink.tracking;

import org.forcelink.HubProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the tracking store: the journey writer and readers, and quarantine. */
@Configuration(proxyBeanMethods = false)
class TrackingConfiguration {

    @Bean
    JourneyRecorder journeyRecorder(JdbcTemplate jdbc, TransactionTemplate transactions, HubProperties properties) {
        return new JourneyRecorder(jdbc, transactions, properties.tracking().batchSize());
    }

    @Bean
    JourneyQueries journeyQueries(JdbcTemplate jdbc) {
        return new JourneyQueries(jdbc);
    }

    @Bean
    QuarantineStore quarantineStore(JdbcTemplate jdbc) {
        return new QuarantineStore(jdbc);
    }
}
