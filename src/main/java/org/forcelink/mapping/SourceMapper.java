package org.forcelink.mapping;

/** Turns one source record of a system family into a canonical record; called by the ingest gate. */
public interface SourceMapper {

    /** The family id, as named by {@code family:} in config/forces and by the folder in mappings/. */
    String family();

    MappingOutcome map(SourceContext context, byte[] payload);
}
