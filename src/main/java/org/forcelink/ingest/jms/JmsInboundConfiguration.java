package org.forcelink.ingest.jms;

import org.forcelink.HubProperties;
import org.forcelink.ingest.IngestService;
import org.forcelink.registry.ForceRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the JMS source: the bean its routes call and the routes themselves, one per inbound queue. */
@Configuration(proxyBeanMethods = false)
class JmsInboundConfiguration {

    @Bean
    JmsRecords jmsRecords(IngestService ingest, ForceRegistry registry, HubProperties properties) {
        return new JmsRecords(ingest, registry, properties.limits().maxRecordBytes());
    }

    @Bean
    JmsInboundRoutes jmsInboundRoutes(ForceRegistry registry) {
        return new JmsInboundRoutes(registry);
    }
}
