package org.forcelink.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The version of each recipient's subscription policy, for the delivery log: a short hash of the
 * recipient's entry in {@code config/subscriptions.yaml}, so any change to what a recipient may receive
 * (types, filter, allowed fields, mapping) gives deliveries made under it a new policy version. An entry
 * may name its version itself with {@code policyVersion:}.
 */
public final class SubscriptionPolicies {

    private static final ObjectMapper SORTED = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final Map<String, String> versions;

    public SubscriptionPolicies(Map<String, String> versions) {
        this.versions = Map.copyOf(versions);
    }

    public static SubscriptionPolicies load(Path file) {
        Map<String, String> versions = new HashMap<>();
        if (Files.exists(file)) {
            try {
                JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
                root.path("recipients").fields().forEachRemaining(entry -> versions.put(entry.getKey(),
                        entry.getValue().hasNonNull("policyVersion") ? entry.getValue().get("policyVersion").asText()
                                : "sha256:" + Hashes.sha256(canonical(entry.getValue())).substring(0, 12)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read subscriptions " + file, e);
            }
        }
        return new SubscriptionPolicies(versions);
    }

    /** The recipient's current policy version; "unknown" for a recipient not in the file. */
    public String versionOf(String recipient) {
        return versions.getOrDefault(recipient, "unknown");
    }

    private static byte[] canonical(JsonNode node) {
        try {
            Object plain = SORTED.treeToValue(node, Object.class);
            return SORTED.writeValueAsString(plain).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("subscription entry cannot be written as JSON", e);
        }
    }
}
