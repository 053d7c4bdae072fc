package org.forcelink.ingest;

import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.forcelink.HubProperties;
import org.forcelink.canonical.CanonicalValidator;
import org.forcelink.canonical.CompletenessRules;
import org.forcelink.mapping.CanonicalJsonMapper;
import org.forcelink.mapping.MappingCatalog;
import org.forcelink.mapping.SourceMapper;
import org.forcelink.mapping.SourceMappers;
import org.forcelink.reference.ReferenceData;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.tracking.JourneyQueries;
import org.forcelink.tracking.JourneyRecorder;
import org.forcelink.tracking.QuarantineStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the ingest gate: mappers by family, validation, idempotency and the ingest queue. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CanonicalValidator canonicalValidator(ReferenceData reference, HubProperties properties) {
        return new CanonicalValidator(reference,
                CompletenessRules.load(properties.configDir().resolve("completeness.yaml")));
    }

    @Bean
    CanonicalJsonMapper canonicalJsonMapper(CanonicalValidator validator) {
        return new CanonicalJsonMapper(validator);
    }

    @Bean
    SourceMappers sourceMappers(List<SourceMapper> mappers, MappingCatalog catalog) {
        return new SourceMappers(mappers, catalog);
    }

    @Bean
    IdempotencyStore idempotencyStore(JdbcTemplate jdbc) {
        return new IdempotencyStore(jdbc);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    AnswerWriter answerWriter(IdempotencyStore idempotency) {
        return new AnswerWriter(idempotency);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    ClaimBatcher claimBatcher(IdempotencyStore idempotency) {
        return new ClaimBatcher(idempotency);
    }

    @Bean
    IngestQueue ingestQueue(ProducerTemplate producer, ConnectionFactory connectionFactory) {
        return new IngestQueue(producer, connectionFactory);
    }

    @Bean
    IngestService ingestService(ForceRegistry registry, SourceMappers mappers, IdempotencyStore idempotency,
            QuarantineStore quarantine, JourneyRecorder journey, JourneyQueries journeys, IngestQueue ingestQueue,
            ClaimBatcher claims, AnswerWriter answers, Clock clock) {
        return new IngestService(registry, mappers, idempotency, quarantine, journey, journeys, ingestQueue, claims,
                answers, clock);
    }
}
