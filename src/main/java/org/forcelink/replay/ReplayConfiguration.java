package org.forcelink.replay;

import java.time.Clock;
import org.forcelink.mapping.SourceMappers;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.routing.Subscriptions;
import org.forcelink.tracking.AccessLog;
import org.forcelink.tracking.DeliveryLog;
import org.forcelink.tracking.JourneyRecorder;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires replay: dead letters on the broker, re-mapping, jobs in the tracking store. */
@Configuration(proxyBeanMethods = false)
class ReplayConfiguration {

    /** Connects on first use (a browse or a run), when the broker and its topology are up. */
    @Bean(destroyMethod = "close")
    DeadLetters deadLetters(ArtemisProperties artemis) {
        return new DeadLetters(artemis.getBrokerUrl(), artemis.getUser(), artemis.getPassword());
    }

    @Bean
    Remapper remapper(ForceRegistry registry, SourceMappers mappers) {
        return new Remapper(registry, mappers);
    }

    @Bean
    ReplayJobs replayJobs(JdbcTemplate jdbc) {
        return new ReplayJobs(jdbc);
    }

    @Bean
    ReplayService replayService(ReplayJobs jobs, DeadLetters deadLetters, Remapper remapper, DeliveryLog deliveryLog,
            AccessLog accessLog, JourneyRecorder journey, Subscriptions subscriptions, JdbcTemplate jdbc,
            ReplayProperties properties, Clock clock) {
        return new ReplayService(jobs, deadLetters, remapper, deliveryLog, accessLog, journey, subscriptions, jdbc,
                properties, clock);
    }
}
