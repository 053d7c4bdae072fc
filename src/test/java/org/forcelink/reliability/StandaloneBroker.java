package org.forcelink.reliability;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;

/**
 * A real Artemis broker in its own process, from the distribution the build unpacks into
 * {@code target/artemis/}: an instance created non-interactively, core protocol only, bound to
 * 127.0.0.1 on a free port, no web console, NIO journal, with the address settings the hub expects of
 * an external broker (docs/configuration.md). It can be killed with SIGKILL and started again on the
 * same journal.
 */
final class StandaloneBroker implements AutoCloseable {

    static final String USER = "forcelink";
    static final String PASSWORD = "reliability-broker-secret";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path instance;
    private final Path logDir;
    private final int port;
    private final String clientParameters;
    private Process process;
    private int starts;

    private StandaloneBroker(Path instance, Path logDir, int port, String clientParameters) {
        this.instance = instance;
        this.logDir = logDir;
        this.port = port;
        this.clientParameters = clientParameters;
    }

    /** The unpacked distribution; fails loudly when the build did not unpack it. */
    static Path artemisHome() {
        String configured = System.getProperty("forcelink.test.artemis-home");
        Path home = configured != null ? Path.of(configured)
                : Path.of("target", "artemis", "apache-artemis-2.40.0").toAbsolutePath();
        if (!Files.isRegularFile(home.resolve("bin/artemis"))) {
            throw new IllegalStateException("no Artemis distribution at " + home
                    + "; the build unpacks it in pre-integration-test (mvn verify)");
        }
        return home;
    }

    /** A broker with a plain core acceptor. */
    static StandaloneBroker create(Path runDir) {
        return create(runDir, "", "");
    }

    /**
     * Creates the instance under {@code runDir/broker}. {@code acceptorParameters} are appended to the
     * acceptor URL (e.g. TLS: {@code ;sslEnabled=true;keyStorePath=...}); {@code clientParameters} are the
     * URL parameters every client needs (e.g. {@code sslEnabled=true&trustStorePath=...}), or empty.
     */
    static StandaloneBroker create(Path runDir, String acceptorParameters, String clientParameters) {
        Path home = artemisHome();
        Path instance = runDir.resolve("broker");
        Path logDir = runDir.resolve("logs");
        int port = Processes.freePort();
        List<String> command = List.of("sh", home.resolve("bin/artemis").toString(), "create", instance.toString(),
                "--silent", "--user", USER, "--password", PASSWORD, "--require-login", "--host", "127.0.0.1",
                "--http-host", "127.0.0.1", "--no-web", "--nio", "--no-autotune",
                "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor",
                "--default-port", Integer.toString(port));
        Path createLog = logDir.resolve("broker-create.log");
        Process create = Processes.start(command, runDir, Map.of("JAVA_ARGS", "-Xmx256m"), createLog);
        try {
            if (!create.waitFor(120, TimeUnit.SECONDS) || create.exitValue() != 0) {
                Processes.killHard(create);
                throw new IllegalStateException("artemis create failed:\n" + Processes.tail(createLog, 40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        configure(instance.resolve("etc/broker.xml"), port, acceptorParameters);
        return new StandaloneBroker(instance, logDir, port, clientParameters);
    }

    /**
     * One core-only acceptor on loopback, and the hub's address settings (docs/configuration.md): the default
     * for every address, and no redelivery delay on the hub's pipeline addresses.
     */
    private static void configure(Path brokerXml, int port, String acceptorParameters) {
        try {
            String xml = Files.readString(brokerXml, StandardCharsets.UTF_8);
            xml = replaceOnce(xml, "(?s)<acceptors>.*?</acceptors>", "<acceptors>\n         <acceptor name=\"core\">"
                    + "tcp://127.0.0.1:" + port + "?protocols=CORE;useEpoll=false" + acceptorParameters
                    + "</acceptor>\n      </acceptors>");
            xml = replaceOnce(xml, "(?s)<address-setting match=\"#\">.*?</address-setting>", """
                    <address-setting match="#">
                                <dead-letter-address>DLA</dead-letter-address>
                                <expiry-address>ExpiryQueue</expiry-address>
                                <max-delivery-attempts>10</max-delivery-attempts>
                                <redelivery-delay>1000</redelivery-delay>
                                <redelivery-delay-multiplier>2</redelivery-delay-multiplier>
                                <max-redelivery-delay>60000</max-redelivery-delay>
                                <address-full-policy>PAGE</address-full-policy>
                                <auto-create-queues>true</auto-create-queues>
                                <auto-create-addresses>true</auto-create-addresses>
                             </address-setting>
                             <address-setting match="ingest">
                                <redelivery-delay>0</redelivery-delay>
                             </address-setting>
                             <address-setting match="canonical">
                                <redelivery-delay>0</redelivery-delay>
                             </address-setting>""");
            Files.writeString(brokerXml, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String replaceOnce(String text, String regex, String replacement) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("broker.xml has no match for " + regex);
        }
        return matcher.replaceFirst(Matcher.quoteReplacement(replacement));
    }

    /** Starts {@code bin/artemis run} and waits until a client can open a session. */
    void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("broker already running as pid " + process.pid());
        }
        starts++;
        Path log = log();
        List<String> command = new ArrayList<>(List.of("sh", instance.resolve("bin/artemis").toString(), "run"));
        process = Processes.start(command, instance, Map.of("JAVA_ARGS",
                "-Xms64m -Xmx384m -XX:+UseSerialGC -Dlog4j2.disableJmx=true "
                        + "--add-opens java.base/jdk.internal.misc=ALL-UNNAMED"), log);
        Process started = process;
        await("broker " + url() + " accepting sessions").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .failFast("the broker process exited:\n" + Processes.tail(log, 60), () -> !started.isAlive())
                .until(this::acceptsSessions);
    }

    /** SIGKILL by process id: no shutdown hook runs, the journal is left as the crash left it. */
    void killHard() {
        Processes.killHard(process);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    /** The plain URL of the broker, for a core client that adds its own parameters. */
    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The URL the hub connects with: reconnect for ever, fail calls fast while the broker is away. */
    String hubUrl() {
        return url() + "?" + HubProcess.BROKER_CLIENT_PARAMETERS + (clientParameters.isEmpty() ? "" : "&" + clientParameters);
    }

    Path log() {
        return logDir.resolve("broker-" + starts + ".log");
    }

    /** Messages in a queue (delivered but unacknowledged ones included). */
    long messageCount(String queue) {
        return messageCount(url() + (clientParameters.isEmpty() ? "" : "?" + clientParameters), USER, PASSWORD, queue);
    }

    /** Messages in a queue of any broker reachable over the core protocol (0 when the queue does not exist). */
    static long messageCount(String url, String user, String password, String queue) {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url);
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session = factory.createSession(user, password, false, true, true, false, 1)) {
            ClientSession.QueueQuery query = session.queueQuery(SimpleString.of(queue));
            return query.isExists() ? query.getMessageCount() : 0;
        } catch (Exception e) {
            throw new IllegalStateException("cannot query queue " + queue + " on " + url, e);
        }
    }

    private boolean acceptsSessions() {
        if (!Processes.accepts(port)) {
            return false;
        }
        try {
            messageCount("DLA");
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    @Override
    public void close() {
        killHard();
    }
}
