package org.forcelink.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config/subscriptions.yaml as the hub reads it, and the answers a wrong file gets at start-up. */
class SubscriptionsTest {

    @TempDir
    Path dir;

    @Test
    void theSampleSubscriptionsDeclareEveryRecipientWithItsTransport() {
        Subscriptions subscriptions = Subscriptions.load(Path.of("config/subscriptions.yaml"));

        assertThat(subscriptions.recipients()).extracting(r -> r.id() + " " + r.transport().type()
                        + " " + (r.mapping() != null ? r.mapping() : "transfer:" + r.transfer().force()))
                .containsExactly("pnd http pnd-xml", "cps http cps-json",
                        "home-office-stats daily-file home-office-stats-csv",
                        "custody-health jms custody-health-json", "essex-custody http transfer:essex",
                        "metropolitan-records soap transfer:metropolitan");
        Recipient cps = subscriptions.recipient("cps").orElseThrow();
        assertThat(cps.requiredFields()).extracting(FieldPath::text).containsExactly("/caseFile/asn",
                "/caseFile/defendant/surname", "/caseFile/defendant/dateOfBirth", "/caseFile/charges/*/cjsOffenceCode",
                "/caseFile/firstHearing/courtCode");
        assertThat(((TransportSettings.Http) cps.transport()).auth().scheme()).isEqualTo("basic");
        assertThat(((TransportSettings.Http) cps.transport()).acknowledgement().status().text()).isEqualTo("/status");
        assertThat(cps.retry()).isEqualTo(new RetryPolicy(Duration.ofMillis(500), 2, Duration.ofSeconds(30),
                Duration.ofMinutes(30)));
        assertThat(cps.circuitBreaker()).isEqualTo(new BreakerSettings(50, 10, 4, Duration.ofSeconds(5)));
        assertThat(subscriptions.recipient("home-office-stats").orElseThrow().allowedFields().paths())
                .extracting(FieldPath::text).containsExactly("/envelope/sourceForce", "/crime/recordedAt",
                        "/crime/offences/*/homeOfficeClassification", "/envelope/messageId");
    }

    @Test
    void aRequiredFieldOutsideTheAllowListStopsStartUp() throws IOException {
        Path file = write("""
                recipients:
                  x:
                    recordTypes: [crime]
                    allowedFields: [/crime/offences]
                    required: [/crime/recordedAt]
                    mapping: m
                    transport: {type: file}
                """);

        assertThatThrownBy(() -> Subscriptions.load(file))
                .hasMessage(file + ": recipient 'x': required field /crime/recordedAt is not in allowedFields");
    }

    @Test
    void aRecipientWithoutAllowedFieldsStopsStartUp() throws IOException {
        Path file = write("""
                recipients:
                  x:
                    recordTypes: [crime]
                    mapping: m
                    transport: {type: file}
                """);

        assertThatThrownBy(() -> Subscriptions.load(file)).hasMessage(file
                + ": recipient 'x': allowedFields is required: list the fields this recipient may have");
    }

    @Test
    void mappingAndTransferAreExclusiveAndTransportsAreKnown() throws IOException {
        Path both = write("""
                recipients:
                  x:
                    recordTypes: [custody]
                    allowedFields: [/custody]
                    mapping: m
                    transfer: {force: essex, system: custody}
                    transport: {type: file}
                """);
        assertThatThrownBy(() -> Subscriptions.load(both)).hasMessage(both + ": recipient 'x': name either an"
                + " outbound mapping (mapping:) or a receiving force's system (transfer:), not both or neither");

        Path ftp = write("""
                recipients:
                  x:
                    recordTypes: [custody]
                    allowedFields: [/custody]
                    mapping: m
                    transport: {type: ftp}
                """);
        assertThatThrownBy(() -> Subscriptions.load(ftp)).hasMessage(ftp + ": recipient 'x': transport type 'ftp'"
                + " is not one of http, soap, jms, file, daily-file");
    }

    @Test
    void retryAndBreakerSettingsOverrideTheDefaultsPerRecipient() throws IOException {
        Path file = write("""
                defaults:
                  retry: {initialDelay: 1s, giveUpAfter: 1h}
                recipients:
                  x:
                    recordTypes: [custody]
                    allowedFields: [/custody]
                    mapping: m
                    transport: {type: jms}
                    retry: {maxDelay: PT2M}
                    circuitBreaker: {openFor: 1m, minimumCalls: 2}
                """);

        Recipient x = Subscriptions.load(file).recipient("x").orElseThrow();

        assertThat(x.retry()).isEqualTo(new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofMinutes(2),
                Duration.ofHours(1)));
        assertThat(x.circuitBreaker()).isEqualTo(new BreakerSettings(50, 10, 2, Duration.ofMinutes(1)));
        assertThat(((TransportSettings.Jms) x.transport()).queue()).isEqualTo("recipient.x");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("subscriptions-" + System.nanoTime() + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
