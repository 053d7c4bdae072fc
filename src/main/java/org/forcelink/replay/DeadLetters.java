package org.forcelink.replay;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.broker.BrokerTopology;

/**
 * A recipient's dead letters ({@code dlq.<recipient>}) and the canonical address, for replay: browse the
 * dead letters without taking them, and re-send a record to one recipient, in the same broker transaction
 * as taking its dead letter away, so a record is never both re-sent and still dead-lettered, nor neither.
 * Uses its own connection, not the routes' cached one, so no idle cached consumer ever holds a message.
 */
public class DeadLetters implements AutoCloseable {

    private static final Pattern MESSAGE_ID = Pattern.compile("[0-9a-fA-F-]{1,64}");
    private static final long RECEIVE_TIMEOUT_MILLIS = 2_000;

    /** A dead letter as the dry run needs it: the record, its ids, and why its delivery failed. */
    public record DeadLetter(String messageId, String force, String system, String recordType, String body,
            String cause) {}

    private final ActiveMQConnectionFactory factory;

    public DeadLetters(String brokerUrl, String user, String password) {
        this.factory = new ActiveMQConnectionFactory(brokerUrl, user, password);
    }

    /** Up to {@code max} dead letters of the recipient, oldest first, left where they are. */
    public List<DeadLetter> browse(String recipient, int max) {
        return browse(recipient, max, letter -> true);
    }

    /**
     * Up to {@code max} of the recipient's dead letters that {@code keep} accepts, oldest first, left where
     * they are; the others are read past without being held, so a large queue costs time, not memory.
     */
    public List<DeadLetter> browse(String recipient, int max, Predicate<DeadLetter> keep) {
        List<DeadLetter> found = new ArrayList<>();
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = session.createBrowser(session.createQueue(deadLetterQueue(recipient)))) {
                Enumeration<?> messages = browser.getEnumeration();
                while (messages.hasMoreElements() && found.size() < max) {
                    Message message = (Message) messages.nextElement();
                    DeadLetter letter = new DeadLetter(message.getStringProperty(ForceLinkHeaders.MESSAGE_ID),
                            message.getStringProperty(ForceLinkHeaders.FORCE),
                            message.getStringProperty(ForceLinkHeaders.SYSTEM),
                            message.getStringProperty(ForceLinkHeaders.RECORD_TYPE),
                            message instanceof TextMessage text ? text.getText() : null,
                            message.getStringProperty(ForceLinkHeaders.FAILURE_CAUSE));
                    if (keep.test(letter)) {
                        found.add(letter);
                    }
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse " + deadLetterQueue(recipient) + ": " + e.getMessage(), e);
        }
        return found;
    }

    /** How many dead letters the recipient has. */
    public int count(String recipient) {
        int[] count = {0};
        browse(recipient, Integer.MAX_VALUE, letter -> {
            count[0]++;
            return false;
        });
        return count[0];
    }

    /** A connection for one replay run; each {@link Run} method is its own broker transaction. */
    public Run open() {
        try {
            Connection connection = factory.createConnection();
            connection.start();
            return new Run(connection, connection.createSession(true, Session.SESSION_TRANSACTED));
        } catch (JMSException e) {
            throw new IllegalStateException("cannot connect to the broker: " + e.getMessage(), e);
        }
    }

    /** Sends and takes messages on one transacted session. */
    public static final class Run implements AutoCloseable {

        private final Connection connection;
        private final Session session;
        private final MessageProducer canonical;

        private Run(Connection connection, Session session) throws JMSException {
            this.connection = connection;
            this.session = session;
            this.canonical = session.createProducer(session.createTopic(BrokerTopology.CANONICAL));
            this.canonical.setDeliveryMode(DeliveryMode.PERSISTENT);
        }

        /**
         * Publishes the record for one recipient (the recipients header names only it) and, when {@code
         * fromDeadLetters}, takes its dead letter off the recipient's queue in the same transaction; returns
         * false (and sends nothing) when that dead letter is no longer there.
         */
        public boolean send(String recipient, String messageId, String body, Map<String, String> properties,
                boolean fromDeadLetters) {
            try (MessageConsumer deadLetter = fromDeadLetters ? consumerOf(recipient, messageId) : null) {
                if (deadLetter != null && !take(deadLetter)) {
                    session.rollback();
                    return false;
                }
                TextMessage message = session.createTextMessage(body);
                for (Map.Entry<String, String> property : properties.entrySet()) {
                    message.setStringProperty(property.getKey(), property.getValue());
                }
                message.setStringProperty(ForceLinkHeaders.RECIPIENTS, "," + recipient + ",");
                canonical.send(message);
                // Committed while the consumer is open, so the taken dead letter leaves with the commit.
                session.commit();
                return true;
            } catch (JMSException e) {
                rollbackQuietly();
                throw new IllegalStateException("cannot re-send " + messageId + " to " + recipient + ": "
                        + e.getMessage(), e);
            }
        }

        /** Takes the record's dead letter off the recipient's queue without re-sending it. */
        public boolean discard(String recipient, String messageId) {
            try (MessageConsumer deadLetter = consumerOf(recipient, messageId)) {
                boolean taken = take(deadLetter);
                session.commit();
                return taken;
            } catch (JMSException e) {
                rollbackQuietly();
                throw new IllegalStateException("cannot take dead letter " + messageId + ": " + e.getMessage(), e);
            }
        }

        private MessageConsumer consumerOf(String recipient, String messageId) throws JMSException {
            if (!MESSAGE_ID.matcher(messageId).matches()) {
                throw new IllegalArgumentException("not a message id: " + messageId);
            }
            Queue queue = session.createQueue(deadLetterQueue(recipient));
            return session.createConsumer(queue, ForceLinkHeaders.MESSAGE_ID + " = '" + messageId + "'");
        }

        /** Receives every copy of the dead letter (a record dead-lettered again after a replay has two). */
        private static boolean take(MessageConsumer consumer) throws JMSException {
            boolean taken = false;
            Message message = consumer.receive(RECEIVE_TIMEOUT_MILLIS);
            while (message != null) {
                taken = true;
                message = consumer.receiveNoWait();
            }
            return taken;
        }

        private void rollbackQuietly() {
            try {
                session.rollback();
            } catch (JMSException ignored) {
                // the connection is gone; the broker rolls the transaction back itself
            }
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (JMSException ignored) {
                // closing a broken connection: nothing is left to release
            }
        }
    }

    static String deadLetterQueue(String recipient) {
        return "dlq." + recipient;
    }

    @Override
    public void close() {
        factory.close();
    }
}
