package org.forcelink.registry;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.forcelink.config.ConfigFileException;
import org.forcelink.config.ReloadStatus;
import org.forcelink.config.YamlDocument;
import org.forcelink.reference.ReferenceData;

/**
 * The forces and systems connected to the hub, read from {@code config/forces/*.yaml}. A force file can
 * be replaced while the hub runs; readers always see whole force entries. Keys it does not know are
 * ignored, so other parts of the hub can read their own settings from the same files.
 */
public final class ForceRegistry {


    private final Map<String, ForceConfig> forces = new ConcurrentSkipListMap<>();
    private final Map<Path, String> forceByFile = new ConcurrentHashMap<>();

    public ForceRegistry(Map<String, ForceConfig> forces) {
        this.forces.putAll(forces);
    }

    /** Reads every force file; the first problem stops the load (for tools and tests that want it strict). */
    public static ForceRegistry load(Path forcesDir, ReferenceData reference) {
        ForceRegistry registry = new ForceRegistry(Map.of());
        for (Path file : files(forcesDir)) {
            try {
                registry.put(file, read(file, reference, family -> true));
            } catch (ConfigFileException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return registry;
    }

    /**
     * Reads every force file; a file with a problem is refused (reported to {@code status}) and the others
     * load, so one force's typo does not keep the rest of the country off the hub.
     */
    public static ForceRegistry load(Path forcesDir, ReferenceData reference, Predicate<String> familyExists,
            ReloadStatus status) {
        ForceRegistry registry = new ForceRegistry(Map.of());
        for (Path file : files(forcesDir)) {
            try {
                registry.put(file, read(file, reference, familyExists));
                status.loaded(file);
            } catch (ConfigFileException e) {
                status.refused(file, e, "the force in it is not connected");
            }
        }
        return registry;
    }

    /** The force files of a folder, sorted. */
    public static List<Path> files(Path forcesDir) {
        if (!Files.isDirectory(forcesDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(forcesDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read force configuration in " + forcesDir, e);
        }
    }

    /** Reads and checks one force file; every problem names the file and line. */
    public static ForceConfig read(Path file, ReferenceData reference, Predicate<String> familyExists) {
        YamlDocument doc = YamlDocument.read(file);
        JsonNode root = doc.root();
        if (!root.isObject()) {
            throw doc.problem("", "a force file is a map with force:, systems: and credentials:");
        }
        String force = required(doc, root, "", "force");
        if (reference.force(force).isEmpty()) {
            throw doc.problem("/force", "force '" + force + "' is not in config/reference/forces.csv");
        }
        JsonNode limit = root.path("rateLimit");
        ForceConfig.RateLimit rateLimit = limit.isMissingNode()
                ? ForceConfig.RateLimit.DEFAULT
                : new ForceConfig.RateLimit(limit.path("requestsPerSecond").asInt(50), limit.path("burst").asInt(100));
        Map<String, SourceSystem> systems = new LinkedHashMap<>();
        root.path("systems").fields().forEachRemaining(entry -> {
            String at = "/systems/" + YamlDocument.escape(entry.getKey());
            JsonNode system = entry.getValue();
            List<String> types = new ArrayList<>();
            system.path("contentTypes").forEach(type -> types.add(type.asText()));
            if (types.isEmpty()) {
                throw doc.problem(at, "system '" + entry.getKey() + "' declares no contentTypes");
            }
            String family = required(doc, system, at, "family");
            if (!familyExists.test(family)) {
                throw doc.problem(at + "/family", "system '" + entry.getKey() + "' names family '" + family
                        + "', which has no mapping (no folder mappings/" + family + " with a mapping.yaml that loads)");
            }
            systems.put(entry.getKey(), new SourceSystem(entry.getKey(), family, system.path("description").asText(""),
                    List.copyOf(types), channels(doc, system, at, entry.getKey()), system));
        });
        List<ForceConfig.CredentialConfig> credentials = new ArrayList<>();
        JsonNode list = root.path("credentials");
        for (int i = 0; i < list.size(); i++) {
            JsonNode credential = list.get(i);
            List<String> scope = new ArrayList<>();
            credential.path("systems").forEach(s -> scope.add(s.asText()));
            credentials.add(new ForceConfig.CredentialConfig(required(doc, credential, "/credentials/" + i, "id"),
                    text(credential, "tokenEnv"), text(credential, "tokenSha256"), text(credential, "devToken"),
                    scope.isEmpty() ? List.of("*") : List.copyOf(scope)));
        }
        return new ForceConfig(force, rateLimit, systems, List.copyOf(credentials));
    }

    /**
     * The channels a system declares, as a list ({@code channels: [http, file]}) or as one
     * ({@code channel: file}); none declared means HTTP.
     */
    private static Set<Channel> channels(YamlDocument doc, JsonNode system, String at, String id) {
        if (system.has("channel") && system.has("channels")) {
            throw doc.problem(at, "system '" + id + "' declares both channel and channels; keep one");
        }
        String key = system.has("channel") ? "channel" : "channels";
        JsonNode names = system.path(key);
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (JsonNode name : names.isArray() || names.isMissingNode() ? names : List.of(names)) {
            channels.add(Channel.fromConfig(name.asText()).orElseThrow(() -> doc.problem(at + "/" + key,
                    "system '" + id + "' declares unknown channel '" + name.asText() + "' (known: "
                            + Arrays.stream(Channel.values()).map(Channel::configName).collect(Collectors.joining(", "))
                            + ")")));
        }
        return channels;
    }

    private static String required(YamlDocument doc, JsonNode node, String at, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw doc.problem(at, "'" + field + "' is required");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Puts (or replaces) the force declared by {@code file}; a force may be declared by one file only. */
    public synchronized void put(Path file, ForceConfig force) {
        Path key = file.toAbsolutePath().normalize();
        forceByFile.forEach((other, code) -> {
            if (code.equals(force.force()) && !other.equals(key)) {
                throw new ConfigFileException(file, 0, "force '" + force.force() + "' is already declared in "
                        + other.getFileName());
            }
        });
        String before = forceByFile.put(key, force.force());
        if (before != null && !before.equals(force.force())) {
            forces.remove(before);
        }
        forces.put(force.force(), force);
    }

    /** Removes the force declared by a file that was deleted. */
    public synchronized void remove(Path file) {
        String code = forceByFile.remove(file.toAbsolutePath().normalize());
        if (code != null) {
            forces.remove(code);
        }
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
