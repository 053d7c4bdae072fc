package org.forcelink.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.forcelink.canonical.CanonicalJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TLS on every connection that leaves the hub's process, with a certificate generated for the test:
 * HTTPS for the HTTP source, TLS from the hub to an external broker, and a TLS acceptor on the embedded
 * broker for outside JMS clients. Configuration as docs/security.md gives it.
 */
class TlsIT extends CrashTestSupport {

    private StandaloneBroker broker;
    private HubProcess hub;

    @AfterEach
    void stopEverything() {
        if (hub != null) {
            hub.killHard();
        }
        if (broker != null) {
            broker.killHard();
        }
    }

    private static HttpClient httpsClient(TestCertificate certificate) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(certificate.clientContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HubProcess withHttps(HubProcess hub, TestCertificate certificate) {
        return hub.with("server.ssl.enabled", "true")
                .with("server.ssl.key-store", certificate.keyStore().toString())
                .with("server.ssl.key-store-password", certificate.password())
                .with("server.ssl.key-store-type", "PKCS12");
    }

    @Test
    void aRecordSubmittedOverHttpsTravelsOverTlsToAnExternalBrokerAndIsDelivered() throws Exception {
        Path run = Processes.runDir("tls-external");
        TestCertificate certificate = TestCertificate.generate(run);
        broker = StandaloneBroker.create(run, certificate.acceptorParameters(), certificate.clientParameters());
        broker.start();
        HttpClient https = httpsClient(certificate);
        hub = withHttps(new HubProcess("tls", crashHome(run), run.resolve("data"), run.resolve("logs"), "https", https),
                certificate).useBroker(broker);
        hub.start();

        SampleRecord record = SampleRecord.custody("46TL/00001/26", 1, List.of(AUDIT, AUDIT_CUSTODY));
        HttpResponse<String> answer = https.send(HttpRequest.newBuilder(hub.uri("/api/v1/records/custody"))
                .header("Authorization", "Bearer " + KENT_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(record.body())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String messageId = CanonicalJson.mapper().readTree(answer.body()).get("messageId").asText();

        await("delivered over the TLS broker connection").atMost(Duration.ofMinutes(1))
                .until(() -> readFeeds(run).get(AUDIT).size() == 1 && readFeeds(run).get(AUDIT_CUSTODY).size() == 1);
        assertThat(readFeeds(run).get(AUDIT)).containsExactly(
                new AuditFeed.Delivery("kent:custody:46TL/00001/26", 1, messageId));
        assertThat(broker.messageCount("ingest")).isZero();

        // Plain HTTP to the HTTPS port is not served, and a broker client without TLS is not let in.
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> cleartext = sendQuietly(plain, URI.create(hub.uri("/actuator/health").toString()
                .replace("https://", "http://")));
        assertThat(cleartext == null || cleartext.statusCode() == 400).as("cleartext answer").isTrue();
        assertThatThrownBy(() -> StandaloneBroker.messageCount(broker.url() + "?callTimeout=5000"
                + "&initialConnectAttempts=1", StandaloneBroker.USER, StandaloneBroker.PASSWORD, "ingest"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theEmbeddedBrokerAcceptsJmsClientsOverTlsOnly() {
        Path run = Processes.runDir("tls-embedded");
        TestCertificate certificate = TestCertificate.generate(run);
        HttpClient https = httpsClient(certificate);
        hub = withHttps(new HubProcess("tls", crashHome(run), run.resolve("data"), run.resolve("logs"), "https", https),
                certificate);
        int acceptor = Processes.freePort();
        hub.with("forcelink.broker.embedded", "true").with("forcelink.broker.acceptor-url",
                "tcp://127.0.0.1:" + acceptor + "?" + certificate.acceptorParameters().substring(1));
        hub.start();

        assertThat(StandaloneBroker.messageCount("tcp://127.0.0.1:" + acceptor + "?" + certificate.clientParameters(),
                "forcelink", "forcelink-dev", "deliver." + AUDIT)).isZero();
        assertThatThrownBy(() -> StandaloneBroker.messageCount("tcp://127.0.0.1:" + acceptor + "?callTimeout=5000"
                + "&initialConnectAttempts=1", "forcelink", "forcelink-dev", "deliver." + AUDIT))
                .isInstanceOf(IllegalStateException.class);
    }

    private static HttpResponse<String> sendQuietly(HttpClient client, URI uri) {
        try {
            return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
