package org.forcelink.console;

import java.util.OptionalLong;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message counts of broker queues through the Artemis core API's queue query, which asks the broker for
 * the count instead of browsing every message, so it costs the same at a million messages as at ten.
 */
public class QueueDepths implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueueDepths.class);

    private final String brokerUrl;
    private final String user;
    private final String password;
    private ServerLocator locator;
    private ClientSessionFactory factory;

    public QueueDepths(String brokerUrl, String user, String password) {
        this.brokerUrl = brokerUrl;
        this.user = user;
        this.password = password;
    }

    /** The queue's message count, or empty when the queue does not exist or the broker cannot be asked. */
    public synchronized OptionalLong count(String queue) {
        try {
            try (ClientSession session = factory().createSession(user, password, false, true, true, false, 0)) {
                ClientSession.QueueQuery query = session.queueQuery(SimpleString.of(queue));
                return query.isExists() ? OptionalLong.of(query.getMessageCount()) : OptionalLong.empty();
            }
        } catch (Exception e) {
            log.warn("queue depth of {} unavailable: {}", queue, e.getClass().getSimpleName());
            reset();
            return OptionalLong.empty();
        }
    }

    private ClientSessionFactory factory() throws Exception {
        if (factory == null || factory.isClosed()) {
            if (locator == null) {
                locator = ActiveMQClient.createServerLocator(brokerUrl);
                locator.setCallTimeout(5_000);
                locator.setReconnectAttempts(0);
            }
            factory = locator.createSessionFactory();
        }
        return factory;
    }

    private void reset() {
        if (factory != null) {
            factory.close();
            factory = null;
        }
        if (locator != null) {
            locator.close();
            locator = null;
        }
    }

    @Override
    public synchronized void close() {
        reset();
    }
}
