package org.forcelink.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The hub home of the tracking scenarios: a copy of the project's routes/, mappings/ and config/ in which
 * the only recipients are {@code pnd} (persons, custody, crime, intelligence) and {@code custody-health}
 * (custody), each writing the canonical record it receives to {@code <data-dir>/feeds/<recipient>/
 * <messageId>.json}, so the scenarios can compare what was delivered with what was sent.
 */
public final class TrackingHome {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> ALL_BODIES =
            List.of("/envelope", "/nominal", "/custody", "/crime", "/caseFile", "/intelligence");

    private TrackingHome() {}

    public static Path create() {
        Path home = TrackingHubSupport.tempDir("forcelink-tracking-home-");
        for (String folder : List.of("routes", "mappings", "config")) {
            copy(Path.of(folder), home.resolve(folder));
        }
        useCanonicalFileRecipients(home);
        return home;
    }

    /** Makes pnd and custody-health the only recipients of a hub home, each writing canonical records to files. */
    public static void useCanonicalFileRecipients(Path home) {
        try {
            Path file = home.resolve("config/subscriptions.yaml");
            ObjectNode subscriptions = (ObjectNode) YAML.readTree(file.toFile());
            ObjectNode recipients = (ObjectNode) subscriptions.get("recipients");
            for (String id : (Iterable<String>) recipients::fieldNames) {
                if (!id.equals("pnd") && !id.equals("custody-health")) {
                    Files.deleteIfExists(home.resolve("routes/" + id + "-out.camel.yaml"));
                }
            }
            recipients.removeAll();
            fileRecipient(recipients.putObject("pnd"), List.of("nominal", "custody", "crime", "intelligence"));
            fileRecipient(recipients.putObject("custody-health"), List.of("custody"));
            YAML.writeValue(file.toFile(), subscriptions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A recipient taking whole canonical records (the canonical-json transfer format) as files. */
    private static void fileRecipient(ObjectNode recipient, List<String> types) {
        recipient.put("description", "Recipient of the tracking scenarios, writing canonical records to files");
        types.forEach(recipient.putArray("recordTypes")::add);
        ALL_BODIES.forEach(recipient.putArray("allowedFields")::add);
        ObjectNode transfer = recipient.putObject("transfer");
        transfer.put("force", "essex");
        transfer.put("system", "custody");
        recipient.putObject("transport").put("type", "file");
    }

    private static void copy(Path from, Path to) {
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
}
