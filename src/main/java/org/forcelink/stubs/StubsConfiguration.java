package org.forcelink.stubs;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.routing.Recipient;
import org.forcelink.routing.Subscriptions;
import org.forcelink.routing.TransportSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

/**
 * Recipient stubs for the default run and tests, switched on by {@code forcelink.stubs.enabled}: what
 * they received (served under /stubs/ by {@link StubController}, switched on by the same property) and a
 * consumer on every JMS recipient's queue that records what arrives there. The default subscriptions point at them, so a fresh checkout shows feeds flowing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "forcelink.stubs.enabled", havingValue = "true")
class StubsConfiguration {

    @Bean
    RecipientStubs recipientStubs() {
        return new RecipientStubs();
    }

    @Bean
    JmsStubs jmsStubs(Subscriptions subscriptions, ConnectionFactory connectionFactory, RecipientStubs stubs) {
        return new JmsStubs(subscriptions, connectionFactory, stubs);
    }

    /**
     * One listener per JMS recipient queue, recording each message under the recipient's stub; started
     * once every bean exists, so the broker already has the queues.
     */
    static final class JmsStubs implements SmartLifecycle {

        private final List<DefaultMessageListenerContainer> containers = new ArrayList<>();
        private volatile boolean running;

        JmsStubs(Subscriptions subscriptions, ConnectionFactory connectionFactory, RecipientStubs stubs) {
            for (Recipient recipient : subscriptions.recipients()) {
                if (recipient.transport() instanceof TransportSettings.Jms jms) {
                    DefaultMessageListenerContainer container = new DefaultMessageListenerContainer();
                    container.setConnectionFactory(connectionFactory);
                    container.setDestinationName(jms.queue());
                    container.setSessionTransacted(true);
                    container.setMessageListener((jakarta.jms.MessageListener) message -> {
                        try {
                            String body = message instanceof TextMessage text ? text.getText() : null;
                            stubs.of(recipient.id()).attempt();
                            stubs.of(recipient.id()).take(new RecipientStubs.Received(Instant.now(),
                                    message.getStringProperty(ForceLinkHeaders.MESSAGE_ID),
                                    message.getStringProperty(ForceLinkHeaders.CONTENT_TYPE), null, body));
                        } catch (JMSException e) {
                            throw new IllegalStateException("cannot read a message on " + jms.queue(), e);
                        }
                    });
                    containers.add(container);
                }
            }
        }

        @Override
        public void start() {
            containers.forEach(container -> {
                container.afterPropertiesSet();
                container.start();
            });
            running = true;
        }

        @Override
        public void stop() {
            containers.forEach(DefaultMessageListenerContainer::shutdown);
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
