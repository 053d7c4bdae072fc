package org.forcelink.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.broker.BrokerTopology;
import org.forcelink.broker.RecordBatch;
import org.forcelink.canonical.Subjects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a run of a dropped file's records looks like on the ingest queue of a real (in-VM, in-memory) broker. */
class IngestQueueTest {

    private EmbeddedActiveMQ broker;
    private ActiveMQConnectionFactory factory;

    @BeforeEach
    void startBroker() throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("ingest-queue-test");
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        config.addAcceptorConfiguration("invm", "vm://41");
        broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        broker.start();
        factory = new ActiveMQConnectionFactory("vm://41");
    }

    @AfterEach
    void stopBroker() throws Exception {
        factory.close();
        broker.stop();
    }

    @Test
    void recordsOfOneGroupOfSubjectsShareAMessageInOrderAndARecordAloneTravelsAloneInItsSubjectsGroup()
            throws Exception {
        List<String> subjects = subjectsOfDistinctGroups(3);
        List<IngestQueue.Outgoing> records = List.of(record("m-1", subjects.get(0)), record("m-2", subjects.get(1)),
                record("m-3", subjects.get(0)), record("m-4", subjects.get(2)), record("m-5", subjects.get(1)));

        new IngestQueue(null, factory).sendAll(records);

        List<TextMessage> messages = receiveAll();
        assertThat(messages).hasSize(3);
        assertBatch(messages.get(0), Subjects.group(subjects.get(0)), "ingest:m-1+2", records.get(0), records.get(2));
        assertBatch(messages.get(1), Subjects.group(subjects.get(1)), "ingest:m-2+2", records.get(1), records.get(4));
        TextMessage alone = messages.get(2);
        assertThat(alone.getText()).isEqualTo("{\"record\":\"m-4\"}");
        assertThat(alone.propertyExists(ForceLinkHeaders.RECORDS)).isFalse();
        assertThat(alone.getStringProperty(ForceLinkHeaders.MESSAGE_ID)).isEqualTo("m-4");
        assertThat(alone.getStringProperty(ForceLinkHeaders.GROUP_ID)).isEqualTo(subjects.get(2));
        assertThat(alone.getStringProperty(ForceLinkHeaders.DUPLICATE_ID)).isEqualTo("ingest:m-4");
    }

    /** Custody subjects of Kent, each in a group of subjects of its own. */
    private static List<String> subjectsOfDistinctGroups(int count) {
        List<String> subjects = new ArrayList<>();
        Set<String> groups = new HashSet<>();
        for (int n = 1; subjects.size() < count; n++) {
            String subject = "kent:custody:46KT/" + n;
            if (groups.add(Subjects.group(subject))) {
                subjects.add(subject);
            }
        }
        return subjects;
    }

    @Test
    void aGroupLargerThanAMessageMayHoldGoesInSeveralInOrder() throws Exception {
        String subject = "kent:custody:46KT/1";
        String large = "{\"record\":\"" + "x".repeat(RecordBatch.MAX_CHARS / 2 - 20) + "\"}";
        List<IngestQueue.Outgoing> records = List.of(record("m-1", subject, large), record("m-2", subject, large),
                record("m-3", subject, large), record("m-4", subject, large), record("m-5", subject, large));

        new IngestQueue(null, factory).sendAll(records);

        List<TextMessage> messages = receiveAll();
        assertThat(messages).hasSize(3);
        assertBatch(messages.get(0), Subjects.group(subject), "ingest:m-1+2", records.get(0), records.get(1));
        assertBatch(messages.get(1), Subjects.group(subject), "ingest:m-3+2", records.get(2), records.get(3));
        assertThat(messages.get(2).getStringProperty(ForceLinkHeaders.MESSAGE_ID)).isEqualTo("m-5");
        assertThat(messages.get(2).getStringProperty(ForceLinkHeaders.GROUP_ID)).isEqualTo(subject);
    }

    @Test
    void theSameRunSentAgainIsRefusedWholeAndTheBrokerKeepsOneCopy() throws Exception {
        List<IngestQueue.Outgoing> records = List.of(record("m-1", "kent:custody:46KT/1"),
                record("m-2", "kent:custody:46KT/1"));
        IngestQueue queue = new IngestQueue(null, factory);

        queue.sendAll(records);

        // A duplicate inside a broker transaction rolls the transaction back, as with one record per message.
        assertThatThrownBy(() -> queue.sendAll(records)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the ingest queue did not take the batch");
        assertThat(receiveAll()).singleElement()
                .satisfies(message -> assertThat(message.getStringProperty(ForceLinkHeaders.DUPLICATE_ID))
                        .isEqualTo("ingest:m-1+2"));
    }

    private static void assertBatch(TextMessage message, String group, String duplicateId,
            IngestQueue.Outgoing... records) throws JMSException {
        assertThat(message.getIntProperty(ForceLinkHeaders.RECORDS)).isEqualTo(records.length);
        assertThat(message.getStringProperty(ForceLinkHeaders.GROUP_ID)).isEqualTo(group);
        assertThat(message.getStringProperty(ForceLinkHeaders.DUPLICATE_ID)).isEqualTo(duplicateId);
        assertThat(message.propertyExists(ForceLinkHeaders.MESSAGE_ID)).isFalse();
        List<RecordBatch.Item> expected = new ArrayList<>();
        for (IngestQueue.Outgoing record : records) {
            // Each record keeps its headers but the duplicate-detection id, which is the batch's.
            String subject = (String) record.headers().get(ForceLinkHeaders.SUBJECT);
            expected.add(new RecordBatch.Item(record.body(), Map.of(
                    ForceLinkHeaders.MESSAGE_ID, (String) record.headers().get(ForceLinkHeaders.MESSAGE_ID),
                    ForceLinkHeaders.SUBJECT, subject, ForceLinkHeaders.GROUP_ID, subject)));
        }
        assertThat(RecordBatch.decode(message.getText())).containsExactlyElementsOf(expected);
    }

    /** A record as IngestService hands it over: its subject is its message group. */
    private static IngestQueue.Outgoing record(String messageId, String subject) {
        return record(messageId, subject, "{\"record\":\"" + messageId + "\"}");
    }

    private static IngestQueue.Outgoing record(String messageId, String subject, String body) {
        return new IngestQueue.Outgoing(body, Map.of(ForceLinkHeaders.MESSAGE_ID,
                messageId, ForceLinkHeaders.SUBJECT, subject, ForceLinkHeaders.GROUP_ID, subject,
                ForceLinkHeaders.DUPLICATE_ID, "ingest:" + messageId));
    }

    private List<TextMessage> receiveAll() throws JMSException {
        List<TextMessage> messages = new ArrayList<>();
        try (Connection connection = factory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            MessageConsumer consumer = session.createConsumer(session.createQueue(BrokerTopology.INGEST));
            for (TextMessage message = (TextMessage) consumer.receive(2_000); message != null;
                    message = (TextMessage) consumer.receive(500)) {
                messages.add(message);
            }
        }
        return messages;
    }
}
