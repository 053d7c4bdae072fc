package org.forcelink.mapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.forcelink.registry.SourceSystem;

/**
 * Finds the mapper of a source family: the built-in ones (canonical-json) and the declarative mappings of
 * mappings/, where a force's override takes precedence over the family's base.
 */
public final class SourceMappers {

    private final Map<String, SourceMapper> builtIn;
    private final MappingCatalog catalog;

    public SourceMappers(List<SourceMapper> mappers) {
        this(mappers, null);
    }

    public SourceMappers(List<SourceMapper> builtIn, MappingCatalog catalog) {
        this.builtIn = builtIn.stream().collect(Collectors.toUnmodifiableMap(SourceMapper::family, Function.identity()));
        this.catalog = catalog;
    }

    /** The family's mapper (for a declarative family, its base mapping without any force's override). */
    public Optional<SourceMapper> forFamily(String family) {
        SourceMapper mapper = builtIn.get(family);
        if (mapper != null || catalog == null) {
            return Optional.ofNullable(mapper);
        }
        return catalog.base(family).map(SourceMapper.class::cast);
    }

    /** Whether a family of this name exists (built in, or a folder of mappings/ that compiled). */
    public boolean knows(String family) {
        return builtIn.containsKey(family) || (catalog != null && catalog.has(family));
    }

    /**
     * The mapper for one force's system: its family's mapping with the force's override. A family whose
     * mapping is not available gives a mapper that rejects each record with the reason (kept for replay).
     */
    public Optional<SourceMapper> forSystem(String force, SourceSystem system) {
        SourceMapper mapper = builtIn.get(system.family());
        if (mapper != null) {
            return Optional.of(mapper);
        }
        if (catalog == null) {
            return Optional.empty();
        }
        return Optional.of(catalog.forForce(system.family(), force).orElseGet(() -> new UnavailableMapper(
                system.family(), "no mapping for family '" + system.family() + "' is loaded; the record is kept for replay")));
    }
}
