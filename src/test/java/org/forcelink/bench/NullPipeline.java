package org.forcelink.bench;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.broker.BrokerTopology;
import org.forcelink.broker.RecordBatch;
import org.forcelink.canonical.Subjects;

/**
 * The broker alone doing ForceLink's hops, in this JVM: the same embedded Artemis set-up (persistent NIO
 * journal, in-VM connections, the hub's address settings), the durable ingest queue, the multicast
 * address {@code canonical} with three durable queues filtered as the hub filters them, records of
 * about 1 KB, one per message or, for a file, several per message as the hub carries them, persistent
 * non-transacted sends that return once the broker has the message (as the ingest send and the
 * dispatcher's publish do), and consumers with local session transactions committed per message, with the hub's consumer counts (read from its route files). No mapping,
 * no routing rules, no tracking, no delivery work: the floor ForceLink is compared with.
 */
final class NullPipeline {

    /** What one run measured; latencies in milliseconds from the send's return to the last recipient's commit. */
    record Result(int records, double seconds, double[] latenciesMs, double[] sendMs, long cpuMillis, long contextSwitches) {
        double recordsPerSecond() {
            return records / seconds;
        }
    }

    private static final Pattern CONCURRENT_CONSUMERS = Pattern.compile("concurrentConsumers:\\s*(\\d+)");
    static final List<String> RECIPIENTS = List.of("pnd", "custody-health", "essex-custody");
    /** The hub's consumer counts, read from its route files so that the two always match. */
    private static final int[] RECIPIENT_CONSUMERS = RECIPIENTS.stream()
            .mapToInt(recipient -> concurrentConsumers(recipient + "-out")).toArray();
    private static final int DISPATCHER_CONSUMERS = concurrentConsumers("canonical-dispatch");
    private static final String SEQUENCE = "benchSequence";
    private static final String SEQUENCES = "benchSequences";

    private NullPipeline() {}

    /** Sends {@code records} bodies from {@code clients} threads as fast as the broker takes them; bounded by {@code limitSeconds}. */
    static Result run(Path dataDir, List<String> bodies, int clients, int limitSeconds) throws Exception {
        return run(dataDir, bodies, clients, limitSeconds, 0);
    }

    /**
     * As {@link #run(Path, List, int, int)}; with {@code batch} above 0 each sender sends in local
     * transactions of {@code batch} records, one message per message group holding that group's records, as
     * the hub puts a dropped file's records on the ingest queue (IngestService.submitAll,
     * IngestQueue.sendAll), and a record counts as accepted when its batch commits. The dispatcher
     * publishes each message once and the recipients take it in one transaction, as the hub's routes do.
     */
    static Result run(Path dataDir, List<String> bodies, int clients, int limitSeconds, int batch) throws Exception {
        int records = bodies.size();
        EmbeddedActiveMQ broker = start(dataDir);
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://0");
        List<Connection> connections = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> consumers = new ArrayList<>();
        long[] acceptedNanos = new long[records];
        long[] lastDeliveryNanos = new long[records];
        double[] sendMs = new double[records];
        AtomicIntegerArray deliveries = new AtomicIntegerArray(records);
        CountDownLatch complete = new CountDownLatch(records);
        try {
            Connection connection = factory.createConnection();
            connections.add(connection);
            connection.start();
            String recipientsHeader = "," + String.join(",", RECIPIENTS) + ",";
            for (int i = 0; i < DISPATCHER_CONSUMERS; i++) {
                consumers.add(consumer("null-dispatch-" + i, connection, "ingest", stop, (session, message, publish) -> {
                    Message copy = copy(session, (TextMessage) message);
                    copy.setStringProperty(ForceLinkHeaders.RECIPIENTS, recipientsHeader);
                    publish.send(copy);
                }, true));
            }
            for (int r = 0; r < RECIPIENTS.size(); r++) {
                for (int i = 0; i < RECIPIENT_CONSUMERS[r]; i++) {
                    consumers.add(consumer("null-" + RECIPIENTS.get(r) + "-" + i, connection,
                            "canonical::deliver." + RECIPIENTS.get(r), stop, (session, message, publish) -> {
                                long now = System.nanoTime();
                                for (int seq : sequences(message)) {
                                    synchronized (lastDeliveryNanos) {
                                        lastDeliveryNanos[seq] = Math.max(lastDeliveryNanos[seq], now);
                                    }
                                    if (deliveries.incrementAndGet(seq) == RECIPIENTS.size()) {
                                        complete.countDown();
                                    }
                                }
                            }, false));
                }
            }
            consumers.forEach(Thread::start);

            ProcStats before = ProcStats.of(ProcessHandle.current().pid());
            long start = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            List<Thread> senders = new ArrayList<>();
            long deadline = start + TimeUnit.SECONDS.toNanos(limitSeconds);
            for (int c = 0; c < clients; c++) {
                Connection senderConnection = factory.createConnection();
                connections.add(senderConnection);
                senders.add(new Thread(() -> {
                    try (Session session = batch > 0 ? senderConnection.createSession(true, Session.SESSION_TRANSACTED)
                            : senderConnection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                        MessageProducer producer = session.createProducer(session.createQueue("ingest"));
                        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                        List<Integer> open = new ArrayList<>();
                        long batchStart = System.nanoTime();
                        for (int seq = next.getAndIncrement(); seq < records && System.nanoTime() < deadline;
                                seq = next.getAndIncrement()) {
                            if (batch > 0) {
                                open.add(seq);
                                if (open.size() == batch) {
                                    sendGrouped(session, producer, open, bodies);
                                    commit(session, open, acceptedNanos, sendMs, batchStart);
                                    batchStart = System.nanoTime();
                                }
                                continue;
                            }
                            TextMessage message = session.createTextMessage(bodies.get(seq));
                            message.setIntProperty(SEQUENCE, seq);
                            message.setStringProperty("JMSXGroupID", "kent:custody:NULL" + seq);
                            message.setStringProperty(ForceLinkHeaders.MESSAGE_ID, "null-" + seq);
                            long sent = System.nanoTime();
                            producer.send(message);
                            long accepted = System.nanoTime();
                            acceptedNanos[seq] = accepted;
                            sendMs[seq] = (accepted - sent) / 1e6;
                        }
                        if (batch > 0) {
                            sendGrouped(session, producer, open, bodies);
                            commit(session, open, acceptedNanos, sendMs, batchStart);
                        }
                    } catch (JMSException e) {
                        throw new IllegalStateException(e);
                    }
                }, "null-sender-" + c));
            }
            senders.forEach(Thread::start);
            for (Thread sender : senders) {
                sender.join(TimeUnit.SECONDS.toMillis(limitSeconds + 5));
            }
            complete.await(Math.max(1, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS);
            long end = System.nanoTime();
            ProcStats after = ProcStats.of(ProcessHandle.current().pid());
            int done = records - (int) complete.getCount();
            double[] latencies = new double[done];
            int n = 0;
            long lastDelivery = start;
            for (int seq = 0; seq < records && n < done; seq++) {
                if (deliveries.get(seq) == RECIPIENTS.size()) {
                    latencies[n++] = (lastDeliveryNanos[seq] - acceptedNanos[seq]) / 1e6;
                    lastDelivery = Math.max(lastDelivery, lastDeliveryNanos[seq]);
                }
            }
            double seconds = (Math.min(end, lastDelivery) - start) / 1e9;
            return new Result(done, seconds, latencies, sendMs, after.cpuMillis() - before.cpuMillis(),
                    after.contextSwitches() - before.contextSwitches());
        } finally {
            stop.set(true);
            for (Thread consumer : consumers) {
                consumer.join(5_000);
            }
            for (Connection connection : connections) {
                connection.close();
            }
            factory.close();
            broker.stop();
        }
    }

    /**
     * Sends the open records as the hub sends a run of a dropped file's records (IngestQueue.sendAll):
     * per group of subjects, messages of at most RecordBatch.MAX_CHARS characters of records holding that
     * group's records in order, each record after a line of its own headers, as RecordBatch writes them.
     */
    private static void sendGrouped(Session session, MessageProducer producer, List<Integer> open, List<String> bodies)
            throws JMSException {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int seq : open) {
            groups.computeIfAbsent(Subjects.group("kent:crime:NULL" + seq), group -> new ArrayList<>()).add(seq);
        }
        for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
            for (List<Integer> run : RecordBatch.runs(group.getValue(), seq -> bodies.get(seq).length())) {
                sendRun(session, producer, group.getKey(), run, bodies);
            }
        }
    }

    private static void sendRun(Session session, MessageProducer producer, String group, List<Integer> run,
            List<String> bodies) throws JMSException {
        StringBuilder body = new StringBuilder();
        StringBuilder sequences = new StringBuilder();
        for (int seq : run) {
            body.append("{\"").append(ForceLinkHeaders.MESSAGE_ID).append("\":\"null-").append(seq)
                    .append("\"}\n").append(bodies.get(seq)).append('\n');
            sequences.append(sequences.length() == 0 ? "" : ",").append(seq);
        }
        TextMessage message = session.createTextMessage(body.toString());
        message.setStringProperty(SEQUENCES, sequences.toString());
        message.setStringProperty("JMSXGroupID", group);
        producer.send(message);
    }

    /** The records a message carries: its sequence numbers. */
    private static int[] sequences(Message message) throws JMSException {
        String many = message.getStringProperty(SEQUENCES);
        if (many == null) {
            return new int[] {message.getIntProperty(SEQUENCE)};
        }
        return Arrays.stream(many.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** Commits the open batch; every record in it is accepted at the commit's return. */
    private static void commit(Session session, List<Integer> open, long[] acceptedNanos, double[] sendMs, long batchStart)
            throws JMSException {
        if (open.isEmpty()) {
            return;
        }
        session.commit();
        long accepted = System.nanoTime();
        for (int seq : open) {
            acceptedNanos[seq] = accepted;
            sendMs[seq] = (accepted - batchStart) / 1e6;
        }
        open.clear();
    }

    private interface Step {
        void handle(Session session, Message message, MessageProducer publish) throws JMSException;
    }

    /** The {@code concurrentConsumers} of the route file {@code routes/<routeId>.camel.yaml}. */
    private static int concurrentConsumers(String routeId) {
        Path file = Path.of("routes", routeId + ".camel.yaml");
        try {
            Matcher found = CONCURRENT_CONSUMERS.matcher(Files.readString(file));
            if (!found.find()) {
                throw new IllegalStateException(file + " sets no concurrentConsumers");
            }
            return Integer.parseInt(found.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
    }

    /** A consumer thread as Camel's listener container runs one: transacted session, cached consumer, commit per message. */
    private static Thread consumer(String name, Connection connection, String queue, AtomicBoolean stop, Step step,
            boolean publishes) {
        return new Thread(() -> {
            try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                    Session publishSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
                MessageProducer publish = null;
                if (publishes) {
                    publish = publishSession.createProducer(publishSession.createTopic(BrokerTopology.CANONICAL));
                    publish.setDeliveryMode(DeliveryMode.PERSISTENT);
                }
                while (!stop.get()) {
                    Message message = consumer.receive(200);
                    if (message != null) {
                        step.handle(publishSession, message, publish);
                        session.commit();
                    }
                }
            } catch (JMSException e) {
                if (!stop.get()) {
                    throw new IllegalStateException(name, e);
                }
            }
        }, name);
    }

    private static Message copy(Session session, TextMessage message) throws JMSException {
        TextMessage copy = session.createTextMessage(message.getText());
        if (message.propertyExists(SEQUENCES)) {
            copy.setStringProperty(SEQUENCES, message.getStringProperty(SEQUENCES));
        } else {
            copy.setIntProperty(SEQUENCE, message.getIntProperty(SEQUENCE));
            copy.setStringProperty(ForceLinkHeaders.MESSAGE_ID, message.getStringProperty(ForceLinkHeaders.MESSAGE_ID));
        }
        copy.setStringProperty("JMSXGroupID", message.getStringProperty("JMSXGroupID"));
        return copy;
    }

    /** The embedded broker as org.forcelink.broker.EmbeddedBrokerConfiguration sets it up, in-VM acceptor only. */
    private static EmbeddedActiveMQ start(Path dir) throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("forcelink-null");
        config.setPersistenceEnabled(true);
        config.setJournalType(JournalType.NIO);
        config.setJournalDirectory(dir.resolve("journal").toString());
        config.setBindingsDirectory(dir.resolve("bindings").toString());
        config.setPagingDirectory(dir.resolve("paging").toString());
        config.setLargeMessagesDirectory(dir.resolve("large-messages").toString());
        config.setJMXManagementEnabled(false);
        config.setSecurityEnabled(false);
        config.addAcceptorConfiguration("invm", "vm://0");
        config.addAddressSetting("#", BrokerTopology.defaultAddressSettings(10));
        config.addQueueConfiguration(QueueConfiguration.of("ingest").setAddress("ingest")
                .setRoutingType(RoutingType.ANYCAST).setDurable(true));
        config.addAddressConfiguration(new org.apache.activemq.artemis.core.config.CoreAddressConfiguration()
                .setName(BrokerTopology.CANONICAL).addRoutingType(RoutingType.MULTICAST));
        for (String recipient : RECIPIENTS) {
            config.addQueueConfiguration(QueueConfiguration.of("deliver." + recipient)
                    .setAddress(BrokerTopology.CANONICAL).setRoutingType(RoutingType.MULTICAST)
                    .setFilterString(SimpleString.of(ForceLinkHeaders.RECIPIENTS + " LIKE '%," + recipient + ",%'"))
                    .setDurable(true));
        }
        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(config);
        server.start();
        return server;
    }
}
