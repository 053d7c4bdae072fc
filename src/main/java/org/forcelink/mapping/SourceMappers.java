package org.forcelink.mapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.forcelink.registry.SourceSystem;

/** Finds the mapper of a source family. */
public final class SourceMappers {

    private final Map<String, SourceMapper> byFamily;

    public SourceMappers(List<SourceMapper> mappers) {
        this.byFamily = mappers.stream().collect(Collectors.toUnmodifiableMap(SourceMapper::family, Function.identity()));
    }

    public Optional<SourceMapper> forFamily(String family) {
        return Optional.ofNullable(byFamily.get(family));
    }

    /** The mapper for one force's system: its family's mapping (with the force's overrides, where a family has them). */
    public Optional<SourceMapper> forSystem(String force, SourceSystem system) {
        return forFamily(system.family());
    }
}
