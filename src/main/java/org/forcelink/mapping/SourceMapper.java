package org.forcelink.mapping;

import java.util.List;

/** Turns the records of one source system into canonical records; called by the ingest gate. */
public interface SourceMapper {

    /** The family id, as named by {@code family:} in config/forces and by the folder in mappings/. */
    String family();

    /** Maps one record. */
    MappingOutcome map(SourceContext context, byte[] payload);

    /** Cuts a file of many records (file drop) into records; by default the whole file is one record. */
    default FileSplit split(byte[] file) {
        return file.length == 0 ? FileSplit.rejected("the file is empty") : FileSplit.of(List.of(new SourceRecord(1, file)));
    }
}
