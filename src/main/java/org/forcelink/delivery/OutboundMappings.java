package org.forcelink.delivery;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.forcelink.reference.ReferenceData;

/** The recipient formats under {@code mappings/}: every folder holding an {@value OutboundMapping#FILE}, by folder name. */
public final class OutboundMappings {

    private final Map<String, OutboundMapping> byId;

    public OutboundMappings(Map<String, OutboundMapping> byId) {
        this.byId = Map.copyOf(byId);
    }

    public static OutboundMappings load(Path mappingsDir, ReferenceData reference) {
        Map<String, OutboundMapping> mappings = new LinkedHashMap<>();
        for (Path folder : OutboundMapping.folders(mappingsDir)) {
            OutboundMapping mapping = OutboundMapping.load(folder, reference);
            mappings.put(mapping.id(), mapping);
        }
        return new OutboundMappings(mappings);
    }

    public Optional<OutboundMapping> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
