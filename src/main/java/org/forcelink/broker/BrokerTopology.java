package org.forcelink.broker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.registry.Channel;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.routing.Recipient;
import org.forcelink.routing.Subscriptions;
import org.forcelink.routing.TransportSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every address and queue the hub uses, declared in one place and created on the broker at start-up
 * (embedded or external) when missing:
 * <ul>
 *   <li>{@code ingest} (anycast): accepted canonical records, durable before a source gets its answer;</li>
 *   <li>{@code canonical} (multicast) with one durable queue {@code deliver.<recipient>} per recipient,
 *       filtered on the recipients the dispatcher chose, so one slow recipient never delays another;</li>
 *   <li>{@code dlq.<recipient>}: records given up on after the last retry, with the cause;</li>
 *   <li>for each JMS recipient, its own queue (default {@code recipient.<recipient>}) that it consumes;</li>
 *   <li>{@code inbound.<force>.<system>} (anycast) for every system that declares the jms channel, where
 *       the system puts its records, and {@code acks.<force>} for every force with such a system, where
 *       it reads the hub's acknowledgements. A message sent to the queue of a system that is not
 *       registered waits on a queue the broker creates for it, unread, until the system is registered;</li>
 *   <li>{@code DLA} and {@code ExpiryQueue}: the broker's own dead letters and expired messages.</li>
 * </ul>
 */
public final class BrokerTopology {

    private static final Logger log = LoggerFactory.getLogger(BrokerTopology.class);

    public static final String INGEST = "ingest";
    public static final String CANONICAL = "canonical";
    public static final String DEAD_LETTER_ADDRESS = "DLA";
    public static final String EXPIRY_ADDRESS = "ExpiryQueue";

    private BrokerTopology() {}

    /** Address settings for every address: redelivery with back-off, then the broker's dead-letter address. */
    public static AddressSettings defaultAddressSettings(int maxDeliveryAttempts) {
        return new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_ADDRESS))
                .setExpiryAddress(SimpleString.of(EXPIRY_ADDRESS))
                .setMaxDeliveryAttempts(maxDeliveryAttempts)
                .setRedeliveryDelay(1000)
                .setRedeliveryMultiplier(2)
                .setMaxRedeliveryDelay(60_000);
    }

    /**
     * Address settings for the hub's own pipeline ({@code ingest}, and {@code canonical} with its
     * {@code deliver.<recipient>} queues): as the default, but a message goes back to the head of its queue
     * at once when a hub dies holding it. With a redelivery delay the broker would hold it back while later
     * records of the same subject went ahead of it, and order per subject would break when one of several
     * hubs is lost. The routes on these queues retry inside the hub (docs/decisions/0005), so the broker's
     * back-off is not needed there.
     */
    public static AddressSettings pipelineAddressSettings(int maxDeliveryAttempts) {
        return defaultAddressSettings(maxDeliveryAttempts).setRedeliveryDelay(0L);
    }

    /** The queue a force system declaring the jms channel puts its records on. */
    public static String inboundQueue(String force, String system) {
        return "inbound." + force + "." + system;
    }

    /** The queue the hub puts a force's JMS acknowledgements on. */
    public static String ackQueue(String force) {
        return "acks." + force;
    }

    /** The inbound and acknowledgement queues of every system declaring the jms channel. */
    public static List<QueueConfiguration> channelQueues(ForceRegistry registry) {
        List<QueueConfiguration> queues = new ArrayList<>();
        Set<String> forces = new LinkedHashSet<>();
        for (ForceRegistry.ForceSystem source : registry.systemsUsing(Channel.JMS)) {
            queues.add(anycast(inboundQueue(source.force(), source.system().id())));
            forces.add(source.force());
        }
        forces.forEach(force -> queues.add(anycast(ackQueue(force))));
        return queues;
    }

    /** The filter of a recipient's queue on the canonical address. */
    public static String recipientFilter(Recipient recipient) {
        return ForceLinkHeaders.RECIPIENTS + " LIKE '%," + recipient.id() + ",%'";
    }

    public static List<QueueConfiguration> queues(Subscriptions subscriptions) {
        List<QueueConfiguration> queues = new ArrayList<>();
        queues.add(anycast(INGEST));
        queues.add(anycast(DEAD_LETTER_ADDRESS));
        queues.add(anycast(EXPIRY_ADDRESS));
        for (Recipient recipient : subscriptions.recipients()) {
            queues.add(QueueConfiguration.of(recipient.queue())
                    .setAddress(CANONICAL)
                    .setRoutingType(RoutingType.MULTICAST)
                    .setFilterString(recipientFilter(recipient))
                    .setDurable(true));
            queues.add(anycast(recipient.deadLetterQueue()));
            if (recipient.transport() instanceof TransportSettings.Jms jms) {
                queues.add(anycast(jms.queue()));
            }
        }
        return queues;
    }

    private static QueueConfiguration anycast(String name) {
        return QueueConfiguration.of(name).setAddress(name).setRoutingType(RoutingType.ANYCAST).setDurable(true);
    }

    /** Creates what is missing; existing queues are left as they are (their messages are never touched). */
    public static void apply(String brokerUrl, String user, String password, Subscriptions subscriptions,
            ForceRegistry registry) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(brokerUrl);
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session = factory.createSession(user, password, false, true, true, false, 1)) {
            if (!session.addressQuery(SimpleString.of(CANONICAL)).isExists()) {
                session.createAddress(SimpleString.of(CANONICAL), RoutingType.MULTICAST, false);
            }
            List<QueueConfiguration> all = new ArrayList<>(queues(subscriptions));
            all.addAll(channelQueues(registry));
            for (QueueConfiguration queue : all) {
                ClientSession.QueueQuery existing = session.queueQuery(queue.getName());
                if (!existing.isExists()) {
                    session.createQueue(queue);
                    log.info("created queue {} on address {}", queue.getName(), queue.getAddress());
                } else if (queue.getFilterString() != null
                        && !queue.getFilterString().equals(existing.getFilterString())) {
                    log.warn("queue {} exists with filter [{}], expected [{}]; left unchanged", queue.getName(),
                            existing.getFilterString(), queue.getFilterString());
                }
            }
        }
    }
}
