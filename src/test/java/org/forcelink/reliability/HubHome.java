package org.forcelink.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A temporary hub home: a copy of the project's routes/, mappings/ and config/ that a test may change
 * (configuration only, never hub code). The crash tests replace the recipients with audit recipients
 * whose routes append one line per delivery to a file, so that what reached a recipient can be counted
 * whatever format the real recipients use.
 */
final class HubHome {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private HubHome() {}

    /** Copies routes/, mappings/ and config/ of the project into {@code runDir/home}. */
    static Path copy(Path runDir) {
        Path home = runDir.resolve("home");
        for (String folder : List.of("routes", "mappings", "config")) {
            copyTree(Path.of(folder).toAbsolutePath(), home.resolve(folder));
        }
        return home;
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes the given recipients (id to the record types it receives) the only ones: every other
     * recipient's entry and its route {@code routes/<id>-out.camel.yaml} are removed, and each audit
     * recipient gets a subscription entry and a route that appends {@code <subject>,<sourceVersion>,
     * <messageId>} per delivery to {@code <feeds>/<id>.csv}. The route reads the hub's message id and
     * subject from the message headers and the version from the canonical record's envelope.
     */
    static void useAuditRecipients(Path home, Path feeds, Map<String, List<String>> recipients) {
        try {
            Files.createDirectories(feeds);
            Path subscriptionsFile = home.resolve("config/subscriptions.yaml");
            ObjectNode subscriptions = (ObjectNode) YAML.readTree(subscriptionsFile.toFile());
            ObjectNode declared = (ObjectNode) subscriptions.get("recipients");
            for (String existing : (Iterable<String>) declared::fieldNames) {
                Files.deleteIfExists(home.resolve("routes/" + existing + "-out.camel.yaml"));
            }
            declared.removeAll();
            recipients.forEach((id, types) -> {
                ObjectNode entry = declared.putObject(id);
                entry.put("description", "Audit recipient of the reliability tests");
                types.forEach(entry.putArray("recordTypes")::add);
                List.of("/envelope", "/nominal", "/custody", "/crime", "/caseFile", "/intelligence")
                        .forEach(entry.putArray("allowedFields")::add);
                // The audit route writes the canonical record itself; a canonical-json transfer format
                // satisfies the subscription's need for an outbound format without changing the record.
                ObjectNode transfer = entry.putObject("transfer");
                transfer.put("force", "essex");
                transfer.put("system", "custody");
                entry.putObject("transport").put("type", "file");
                write(home.resolve("routes/" + id + "-out.camel.yaml"), auditRoute(id, feeds));
            });
            YAML.writeValue(subscriptionsFile.toFile(), subscriptions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a force's rate limit, so that a test's stream is not throttled (or is, on purpose). */
    static void setRateLimit(Path home, String force, int requestsPerSecond, int burst) {
        try {
            Path file = home.resolve("config/forces/" + force + ".yaml");
            ObjectNode config = (ObjectNode) YAML.readTree(file.toFile());
            ObjectNode limit = config.putObject("rateLimit");
            limit.put("requestsPerSecond", requestsPerSecond);
            limit.put("burst", burst);
            YAML.writeValue(file.toFile(), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path auditFile(Path feeds, String recipient) {
        return feeds.resolve(recipient + ".csv");
    }

    private static String auditRoute(String id, Path feeds) {
        return """
                - route:
                    id: %1$s-out
                    description: >-
                      Audit recipient of the reliability tests: appends one line per delivery
                      (subject, source version, message id) to %1$s.csv, in the order of delivery,
                      through the delivery gate and tracker as every outbound route.
                    from:
                      id: %1$s-queue
                      uri: jms:queue:canonical::deliver.%1$s
                      steps:
                        - setProperty:
                            name: forcelinkRecipient
                            expression:
                              constant:
                                expression: %1$s
                        - split:
                            expression:
                              method:
                                beanType: org.forcelink.broker.RecordBatch
                                method: records
                            steps:
                              - bean:
                                  ref: deliveryGate
                                  method: admit
                              - filter:
                                  expression:
                                    simple:
                                      expression: "${exchangeProperty.forcelinkHeld} != true && ${exchangeProperty.forcelinkAlreadyDelivered} != true"
                                  steps:
                                    - unmarshal:
                                        json:
                                          library: Jackson
                                    - setBody:
                                        expression:
                                          simple:
                                            expression: "${header.forcelinkSubject},${body[envelope][sourceVersion]},${header.forcelinkMessageId}\\n"
                                            trim: false
                                    - to:
                                        id: %1$s-feed
                                        uri: file:%2$s
                                        parameters:
                                          fileName: %1$s.csv
                                          fileExist: Append
                                          charset: UTF-8
                                    - bean:
                                        ref: deliveryTracker
                                        method: delivered
                """.formatted(id, feeds);
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
