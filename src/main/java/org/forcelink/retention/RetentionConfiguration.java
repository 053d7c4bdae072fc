package org.forcelink.retention;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wires the retention job and its schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RetentionConfiguration {

    @Bean
    RetentionJob retentionJob(JdbcTemplate jdbc, RetentionProperties properties, Clock clock) {
        return new RetentionJob(jdbc, properties, clock);
    }
}
