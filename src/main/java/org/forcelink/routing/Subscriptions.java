package org.forcelink.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.forcelink.canonical.RecordType;
import org.springframework.boot.convert.DurationStyle;

/**
 * The recipients declared in {@code config/subscriptions.yaml} (the file documents every key), and
 * which of them a record goes to. Loading fails with the file, recipient and key named when the file
 * is wrong, so a bad subscription stops the hub at start-up rather than misrouting records.
 */
public final class Subscriptions {

    private static final Pattern RECIPIENT_ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private final List<Recipient> recipients;

    public Subscriptions(List<Recipient> recipients) {
        this.recipients = List.copyOf(recipients);
    }

    public static Subscriptions load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read subscriptions " + file, e);
        }
        JsonNode defaults = root.path("defaults");
        RetryPolicy defaultRetry = retry(defaults.path("retry"), RetryPolicy.DEFAULT);
        BreakerSettings defaultBreaker = breaker(defaults.path("circuitBreaker"), BreakerSettings.DEFAULT);
        List<Recipient> recipients = new ArrayList<>();
        root.path("recipients").fields().forEachRemaining(entry -> {
            String id = entry.getKey();
            if (!RECIPIENT_ID.matcher(id).matches()) {
                throw new IllegalStateException(file + ": recipient id '" + id
                        + "' must be lower-case letters, digits and hyphens");
            }
            try {
                recipients.add(recipient(id, entry.getValue(), defaultRetry, defaultBreaker));
            } catch (RuntimeException e) {
                throw new IllegalStateException(file + ": recipient '" + id + "': " + e.getMessage(), e);
            }
        });
        return new Subscriptions(recipients);
    }

    private static Recipient recipient(String id, JsonNode config, RetryPolicy defaultRetry,
            BreakerSettings defaultBreaker) {
        Set<RecordType> types = EnumSet.noneOf(RecordType.class);
        for (JsonNode type : config.path("recordTypes")) {
            types.add(RecordType.fromJson(type.asText()).orElseThrow(() ->
                    new IllegalArgumentException("unknown record type '" + type.asText() + "'")));
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("receives no record type");
        }
        JsonNode filterNode = config.get("filter");
        RecordFilter filter = RecordFilter.parse(filterNode);
        String filterDescription = filterNode == null ? null : text(filterNode, "description");
        List<FieldPath> allowed = paths(config.path("allowedFields"));
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("allowedFields is required: list the fields this recipient may have");
        }
        FieldAllowList allowList = new FieldAllowList(allowed);
        List<FieldPath> required = paths(config.path("required"));
        for (FieldPath path : required) {
            if (allowed.stream().noneMatch(allow -> covers(allow, path))) {
                throw new IllegalArgumentException("required field " + path + " is not in allowedFields");
            }
        }
        String mapping = text(config, "mapping");
        JsonNode transferNode = config.get("transfer");
        Recipient.Transfer transfer = transferNode == null ? null
                : new Recipient.Transfer(requiredText(transferNode, "force"), requiredText(transferNode, "system"));
        if ((mapping == null) == (transfer == null)) {
            throw new IllegalArgumentException("name either an outbound mapping (mapping:) or a receiving force's"
                    + " system (transfer:), not both or neither");
        }
        return new Recipient(id, config.path("description").asText(id), Set.copyOf(types), filter, filterDescription,
                allowList, required, mapping, transfer, transport(id, config.path("transport")),
                retry(config.path("retry"), defaultRetry), breaker(config.path("circuitBreaker"), defaultBreaker));
    }

    /** Whether an allowed path lets through everything at {@code path} (a prefix, wildcards matching anything). */
    static boolean covers(FieldPath allowed, FieldPath path) {
        List<String> a = allowed.segments();
        List<String> p = path.segments();
        if (a.size() > p.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(FieldPath.ANY) && !a.get(i).equals(p.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static TransportSettings transport(String id, JsonNode node) {
        String type = requiredText(node, "type");
        return switch (type) {
            case "http" -> new TransportSettings.Http(requiredText(node, "url"), auth(node.get("auth")),
                    duration(node, "timeout", Duration.ofSeconds(10)), acknowledgement(node.get("acknowledgement")));
            case "soap" -> new TransportSettings.Soap(requiredText(node, "url"), auth(node.get("auth")),
                    duration(node, "timeout", Duration.ofSeconds(10)));
            case "jms" -> new TransportSettings.Jms(node.path("queue").asText("recipient." + id));
            case "file" -> new TransportSettings.File(node.path("folder").asText("feeds/" + id));
            case "daily-file" -> new TransportSettings.DailyFile(node.path("folder").asText("feeds/" + id));
            default -> throw new IllegalArgumentException("transport type '" + type
                    + "' is not one of http, soap, jms, file, daily-file");
        };
    }

    private static TransportSettings.Auth auth(JsonNode node) {
        if (node == null) {
            return null;
        }
        String type = requiredText(node, "type");
        return switch (type) {
            case "bearer" -> new TransportSettings.Auth("bearer", requiredText(node, "token"), null, null);
            case "basic" -> new TransportSettings.Auth("basic", null, requiredText(node, "username"),
                    requiredText(node, "password"));
            default -> throw new IllegalArgumentException("auth type '" + type + "' is not bearer or basic");
        };
    }

    private static TransportSettings.Acknowledgement acknowledgement(JsonNode node) {
        if (node == null) {
            return null;
        }
        return new TransportSettings.Acknowledgement(FieldPath.parse(requiredText(node, "status")),
                node.has("reason") ? FieldPath.parse(node.get("reason").asText()) : null,
                node.has("reference") ? FieldPath.parse(node.get("reference").asText()) : null);
    }

    private static RetryPolicy retry(JsonNode node, RetryPolicy defaults) {
        if (node.isMissingNode()) {
            return defaults;
        }
        return new RetryPolicy(duration(node, "initialDelay", defaults.initialDelay()),
                node.path("multiplier").asDouble(defaults.multiplier()),
                duration(node, "maxDelay", defaults.maxDelay()),
                duration(node, "giveUpAfter", defaults.giveUpAfter()));
    }

    private static BreakerSettings breaker(JsonNode node, BreakerSettings defaults) {
        if (node.isMissingNode()) {
            return defaults;
        }
        return new BreakerSettings((float) node.path("failureRatePercent").asDouble(defaults.failureRatePercent()),
                node.path("slidingWindow").asInt(defaults.slidingWindow()),
                node.path("minimumCalls").asInt(defaults.minimumCalls()),
                duration(node, "openFor", defaults.openFor()));
    }

    private static Duration duration(JsonNode node, String field, Duration fallback) {
        String value = text(node, field);
        return value == null ? fallback : DurationStyle.detectAndParse(value);
    }

    private static List<FieldPath> paths(JsonNode list) {
        List<FieldPath> paths = new ArrayList<>();
        list.forEach(path -> paths.add(FieldPath.parse(path.asText())));
        return List.copyOf(paths);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String requiredText(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return value;
    }

    public List<Recipient> recipients() {
        return recipients;
    }

    public Optional<Recipient> recipient(String id) {
        return recipients.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The recipients entitled to a record of this type, in declaration order, before filters. */
    public List<Recipient> entitled(RecordType type) {
        return recipients.stream().filter(r -> r.recordTypes().contains(type)).toList();
    }

    /** The recipients a record goes to: entitled to its type and passing their filter, in declaration order. */
    public List<Recipient> matching(RecordType type, JsonNode record) {
        return entitled(type).stream().filter(r -> r.filter().test(record)).toList();
    }
}
