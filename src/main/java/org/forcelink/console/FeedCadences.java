package org.forcelink.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * How often each force system is expected to send: the optional {@code cadence:} (an ISO-8601 duration
 * such as PT1H) of a system in {@code config/forces/*.yaml}. Systems without one are never called silent.
 */
public final class FeedCadences {

    /** One system's expected cadence. */
    public record Cadence(String force, String system, Duration every) {}

    private FeedCadences() {}

    public static List<Cadence> load(Path forcesDir) {
        List<Cadence> found = new ArrayList<>();
        if (!Files.isDirectory(forcesDir)) {
            return found;
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> files = Files.list(forcesDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode root = yaml.readTree(file.toFile());
                if (root == null) {
                    continue;
                }
                String force = root.path("force").asText(null);
                root.path("systems").fields().forEachRemaining(system -> {
                    String cadence = system.getValue().path("cadence").asText(null);
                    if (force != null && cadence != null) {
                        found.add(new Cadence(force, system.getKey(), parse(cadence, file, system.getKey())));
                    }
                });
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + forcesDir + ": " + e.getMessage(), e);
        }
        return List.copyOf(found);
    }

    private static Duration parse(String text, Path file, String system) {
        try {
            Duration every = Duration.parse(text);
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("not positive");
            }
            return every;
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalStateException(file + ": system '" + system + "' has cadence '" + text
                    + "', which is not a positive ISO-8601 duration such as PT1H");
        }
    }
}
