package org.forcelink.search;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.forcelink.canonical.CanonicalValidator;
import org.forcelink.canonical.CompletenessRules;
import org.forcelink.config.ReloadStatus;
import org.forcelink.mapping.CanonicalJsonMapper;
import org.forcelink.mapping.MappingCatalog;
import org.forcelink.mapping.MappingCompiler;
import org.forcelink.mapping.ReferenceLists;
import org.forcelink.mapping.SourceMappers;
import org.forcelink.reference.ReferenceData;

/** The project's own mappings, reference data and query formats, built without the hub, for unit tests. */
final class SearchFixtures {

    static final ReferenceData REFERENCE = ReferenceData.load(Path.of("config/reference"));
    static final SourceMappers MAPPERS = mappers();
    static final ReloadStatus STATUS = new ReloadStatus(Clock.systemUTC());
    static final QueryFormats FORMATS = new QueryFormats(Path.of("mappings/queries"), MAPPERS::knows, STATUS);

    private SearchFixtures() {}

    private static SourceMappers mappers() {
        CanonicalValidator validator = new CanonicalValidator(REFERENCE,
                CompletenessRules.load(Path.of("config/completeness.yaml")));
        MappingCatalog catalog = new MappingCatalog(Path.of("mappings"),
                new MappingCompiler(new ReferenceLists(Path.of("config/reference")), validator),
                new ReloadStatus(Clock.systemUTC())).loadAll();
        return new SourceMappers(List.of(new CanonicalJsonMapper(validator)), catalog);
    }

    static QueryFormat format(String id) {
        return FORMATS.format(id).orElseThrow(() -> new AssertionError("query format " + id + " does not load: "
                + STATUS.problems()));
    }
}
