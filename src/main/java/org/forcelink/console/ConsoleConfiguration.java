package org.forcelink.console;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.apache.camel.CamelContext;
import org.forcelink.HubProperties;
import org.forcelink.routing.Subscriptions;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the operations view: queue depths, the overview, alert rules and monitor, health and audit. */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    @Bean(destroyMethod = "close")
    QueueDepths queueDepths(ArtemisProperties artemis) {
        return new QueueDepths(artemis.getBrokerUrl(), artemis.getUser(), artemis.getPassword());
    }

    @Bean
    Overview overview(CamelContext camel, JdbcTemplate jdbc, QueueDepths queues, Subscriptions subscriptions,
            HubProperties properties, MeterRegistry meters) {
        List<FeedCadences.Cadence> cadences = FeedCadences.load(properties.configDir().resolve("forces"));
        return new Overview(camel, jdbc, queues, subscriptions, () -> cadences, meters, Clock.systemUTC());
    }

    @Bean
    AlertMonitor alertMonitor(Overview overview, HubProperties properties, MeterRegistry meters) {
        return new AlertMonitor(overview, AlertRule.load(properties.configDir().resolve("alerts.yaml")), meters,
                Clock.systemUTC());
    }

    @Bean
    RoutesHealthIndicator routesHealthIndicator(Overview overview) {
        return new RoutesHealthIndicator(overview);
    }

    @Bean
    BrokerHealthIndicator brokerHealthIndicator(QueueDepths queues) {
        return new BrokerHealthIndicator(queues);
    }

    @Bean
    OperatorAudit operatorAudit(JdbcTemplate jdbc) {
        return new OperatorAudit(jdbc, Clock.systemUTC());
    }

    /** Audits after the security filters have named the caller. */
    @Bean
    FilterRegistrationBean<OperatorAudit> operatorAuditFilter(OperatorAudit audit) {
        FilterRegistrationBean<OperatorAudit> registration = new FilterRegistrationBean<>(audit);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
