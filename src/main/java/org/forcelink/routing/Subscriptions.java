package org.forcelink.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.forcelink.canonical.RecordType;

/** The recipients declared in {@code config/subscriptions.yaml}, and which of them a record goes to. */
public final class Subscriptions {

    private static final Pattern RECIPIENT_ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private final List<Recipient> recipients;

    public Subscriptions(List<Recipient> recipients) {
        this.recipients = List.copyOf(recipients);
    }

    public static Subscriptions load(Path file) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            List<Recipient> recipients = new ArrayList<>();
            root.path("recipients").fields().forEachRemaining(entry -> {
                String id = entry.getKey();
                if (!RECIPIENT_ID.matcher(id).matches()) {
                    throw new IllegalStateException(file + ": recipient id '" + id
                            + "' must be lower-case letters, digits and hyphens");
                }
                JsonNode config = entry.getValue();
                Set<RecordType> types = EnumSet.noneOf(RecordType.class);
                for (JsonNode type : config.path("recordTypes")) {
                    types.add(RecordType.fromJson(type.asText()).orElseThrow(() -> new IllegalStateException(
                            file + ": recipient '" + id + "' names unknown record type '" + type.asText() + "'")));
                }
                if (types.isEmpty()) {
                    throw new IllegalStateException(file + ": recipient '" + id + "' receives no record type");
                }
                recipients.add(new Recipient(id, config.path("description").asText(id), Set.copyOf(types),
                        config.path("transport").asText("file")));
            });
            return new Subscriptions(recipients);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read subscriptions " + file, e);
        }
    }

    public List<Recipient> recipients() {
        return recipients;
    }

    /** The recipients entitled to a record of this type, in declaration order. */
    public List<Recipient> entitled(RecordType type) {
        return recipients.stream().filter(r -> r.recordTypes().contains(type)).toList();
    }
}
