package org.forcelink.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.forcelink.reference.ReferenceData;

/** The forces and systems connected to the hub, read from {@code config/forces/*.yaml}. */
public final class ForceRegistry {

    private final Map<String, ForceConfig> forces;

    public ForceRegistry(Map<String, ForceConfig> forces) {
        this.forces = Map.copyOf(forces);
    }

    public static ForceRegistry load(Path forcesDir, ReferenceData reference) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<String, ForceConfig> forces = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(forcesDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                ForceConfig force = parse(yaml.readTree(file.toFile()), file);
                if (reference.force(force.force()).isEmpty()) {
                    throw new IllegalStateException(file + ": force '" + force.force()
                            + "' is not in config/reference/forces.csv");
                }
                if (forces.putIfAbsent(force.force(), force) != null) {
                    throw new IllegalStateException(file + ": force '" + force.force() + "' is declared twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read force configuration in " + forcesDir, e);
        }
        return new ForceRegistry(forces);
    }

    private static ForceConfig parse(JsonNode root, Path file) {
        String force = required(root, "force", file);
        JsonNode limit = root.path("rateLimit");
        ForceConfig.RateLimit rateLimit = limit.isMissingNode()
                ? ForceConfig.RateLimit.DEFAULT
                : new ForceConfig.RateLimit(limit.path("requestsPerSecond").asInt(50), limit.path("burst").asInt(100));
        Map<String, SourceSystem> systems = new LinkedHashMap<>();
        root.path("systems").fields().forEachRemaining(entry -> {
            JsonNode system = entry.getValue();
            List<String> types = new ArrayList<>();
            system.path("contentTypes").forEach(type -> types.add(type.asText()));
            if (types.isEmpty()) {
                throw new IllegalStateException(file + ": system '" + entry.getKey() + "' declares no contentTypes");
            }
            systems.put(entry.getKey(), new SourceSystem(entry.getKey(), required(system, "family", file),
                    system.path("description").asText(""), List.copyOf(types), channels(system, entry.getKey(), file)));
        });
        List<ForceConfig.CredentialConfig> credentials = new ArrayList<>();
        for (JsonNode credential : root.path("credentials")) {
            List<String> scope = new ArrayList<>();
            credential.path("systems").forEach(s -> scope.add(s.asText()));
            credentials.add(new ForceConfig.CredentialConfig(required(credential, "id", file),
                    text(credential, "tokenEnv"), text(credential, "tokenSha256"), text(credential, "devToken"),
                    scope.isEmpty() ? List.of("*") : List.copyOf(scope)));
        }
        return new ForceConfig(force, rateLimit, systems, List.copyOf(credentials));
    }

    /**
     * The channels a system declares, as a list ({@code channels: [http, file]}) or as one
     * ({@code channel: file}); none declared means HTTP.
     */
    private static Set<Channel> channels(JsonNode system, String id, Path file) {
        if (system.has("channel") && system.has("channels")) {
            throw new IllegalStateException(file + ": system '" + id + "' declares both channel and channels;"
                    + " keep one");
        }
        JsonNode names = system.has("channel") ? system.get("channel") : system.path("channels");
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (JsonNode name : names.isArray() || names.isMissingNode() ? names : List.of(names)) {
            channels.add(Channel.fromConfig(name.asText()).orElseThrow(() -> new IllegalStateException(file
                    + ": system '" + id + "' declares unknown channel '" + name.asText() + "' (known: "
                    + Arrays.stream(Channel.values()).map(Channel::configName).collect(Collectors.joining(", "))
                    + ")")));
        }
        return channels;
    }

    private static String required(JsonNode node, String field, Path file) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(file + ": '" + field + "' is required");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public Optional<ForceConfig> force(String code) {
        return Optional.ofNullable(forces.get(code));
    }

    public Optional<SourceSystem> system(String force, String systemId) {
        return force(force).map(f -> f.systems().get(systemId));
    }

    public Collection<ForceConfig> forces() {
        return forces.values();
    }

    /** A registered system together with the force it belongs to. */
    public record ForceSystem(String force, SourceSystem system) {}

    /** Every registered system that submits over the channel, by force code, then as its force file lists them. */
    public List<ForceSystem> systemsUsing(Channel channel) {
        return forces.values().stream()
                .sorted(Comparator.comparing(ForceConfig::force))
                .flatMap(force -> force.systems().values().stream()
                        .filter(system -> system.uses(channel))
                        .map(system -> new ForceSystem(force.force(), system)))
                .toList();
    }
}
