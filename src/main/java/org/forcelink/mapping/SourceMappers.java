package org.forcelink.mapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Finds the mapper of a source family. */
public final class SourceMappers {

    private final Map<String, SourceMapper> byFamily;

    public SourceMappers(List<SourceMapper> mappers) {
        this.byFamily = mappers.stream().collect(Collectors.toUnmodifiableMap(SourceMapper::family, Function.identity()));
    }

    public Optional<SourceMapper> forFamily(String family) {
        return Optional.ofNullable(byFamily.get(family));
    }
}
