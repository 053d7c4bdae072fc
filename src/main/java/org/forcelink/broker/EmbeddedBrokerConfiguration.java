package org.forcelink.broker;

import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.forcelink.HubProperties;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.security.ForceCredentials;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Artemis broker of the default run: persistent NIO journal under the data dir, in-VM
 * acceptor for the hub and a core-protocol acceptor bound to loopback for JMS sources and recipients,
 * both requiring credentials: the hub's for everything, a force's for its own queues ({@link BrokerSecurity}).
 * Production sets {@code forcelink.broker.embedded=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "forcelink.broker.embedded", havingValue = "true", matchIfMissing = true)
class EmbeddedBrokerConfiguration {

    @Bean(initMethod = "start", destroyMethod = "stop")
    EmbeddedActiveMQ embeddedBroker(HubProperties properties, ArtemisProperties artemis, ForceRegistry registry,
            ForceCredentials credentials) throws Exception {
        HubProperties.Broker broker = properties.broker();
        Path dir = properties.dataPath().resolve("broker");
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("forcelink");
        config.setPersistenceEnabled(true);
        config.setJournalType(JournalType.NIO);
        config.setJournalDirectory(dir.resolve("journal").toString());
        config.setBindingsDirectory(dir.resolve("bindings").toString());
        config.setPagingDirectory(dir.resolve("paging").toString());
        config.setLargeMessagesDirectory(dir.resolve("large-messages").toString());
        config.setJMXManagementEnabled(false);
        // Messages held in memory before the broker pages to disk. Artemis's default is half the heap, which
        // the embedded broker shares with the hub: a backlog (a 100,000-record file, a recipient away) then
        // filled the hub's heap until the database failed with OutOfMemoryError. An eighth leaves the rest to the hub.
        config.setGlobalMaxSize(Runtime.getRuntime().maxMemory() / 8);
        config.setSecurityEnabled(true);
        // The in-VM acceptor is the one the hub connects to, so two hubs in one JVM (tests) each have their own.
        String brokerUrl = artemis.getBrokerUrl();
        config.addAcceptorConfiguration("invm", brokerUrl != null && brokerUrl.startsWith("vm://") ? brokerUrl : "vm://0");
        // The acceptor URL may carry its own parameters, TLS ones for instance (docs/security.md).
        String acceptor = broker.acceptorUrl();
        config.addAcceptorConfiguration("core", acceptor + (acceptor.contains("?") ? ";" : "?") + "protocols=CORE");
        config.addAddressSetting("#", BrokerTopology.defaultAddressSettings(broker.maxDeliveryAttempts()));
        for (String pipeline : new String[] {BrokerTopology.INGEST, BrokerTopology.CANONICAL}) {
            config.addAddressSetting(pipeline, BrokerTopology.pipelineAddressSettings(broker.maxDeliveryAttempts()));
        }
        config.setSecurityRoles(BrokerSecurity.roles(registry));
        // The broker caches authorization by user name, and a force's user name is its code whatever token it
        // presents: a token scoped to one system must not inherit what another token of the force was allowed.
        config.setAuthorizationCacheSize(0);

        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(config);
        server.setSecurityManager(new BrokerSecurity(broker.user(), broker.password(), credentials));
        return server;
    }
}
