package org.forcelink.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.Optional;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.mapping.MappingOutcome;
import org.forcelink.mapping.SourceContext;
import org.forcelink.mapping.SourceMapper;
import org.forcelink.mapping.SourceMappers;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.registry.SourceSystem;

/**
 * Maps a record's stored input again with the mapping in force now, keeping its message id and receipt
 * time, so the result differs from what was sent only where the mapping changed.
 */
public class Remapper {

    /** The canonical record now made of the input, or why none can be made. */
    public record Result(String canonicalJson, String error) {}

    private final ForceRegistry registry;
    private final SourceMappers mappers;

    public Remapper(ForceRegistry registry, SourceMappers mappers) {
        this.registry = registry;
        this.mappers = mappers;
    }

    public Result remap(String messageId, String force, String system, Instant receivedAt, byte[] input) {
        if (input == null) {
            return new Result(null, "the stored input was purged by the retention job");
        }
        Optional<SourceSystem> source = registry.system(force, system);
        if (source.isEmpty()) {
            return new Result(null, "force " + force + " has no system '" + system + "' any more");
        }
        Optional<SourceMapper> mapper = mappers.forSystem(force, source.get());
        if (mapper.isEmpty()) {
            return new Result(null, "no mapping for family " + source.get().family());
        }
        MappingOutcome outcome = mapper.get().map(new SourceContext(force, system, messageId, receivedAt), input);
        if (outcome.isRejected()) {
            return new Result(null, "the input no longer maps: " + outcome.rejectionReason());
        }
        try {
            // Written exactly as the ingest gate writes it, so an unchanged mapping gives identical bytes.
            return new Result(CanonicalJson.mapper().writeValueAsString(
                    CanonicalJson.mapper().valueToTree(outcome.record())), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write canonical JSON", e);
        }
    }
}
