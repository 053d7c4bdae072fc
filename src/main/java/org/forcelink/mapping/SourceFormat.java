package org.forcelink.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.forcelink.canonical.RecordException;

/**
 * How one source format (fixed-width, CSV, XML, JSON) is read: parsing a record into its root item,
 * compiling the {@code from:} of a field rule and the {@code each:} of a repeating group, and cutting a
 * file into records. Everything compiled here is compiled once per mapping.
 */
interface SourceFormat {

    /** Reads one record; throws {@link Rejection} when it cannot be understood. Warnings go to {@code warnings}. */
    Object parse(byte[] payload, List<RecordException> warnings);

    /** Compiles a {@code from:} (one source field); {@code all} reads every match as a list. */
    Accessor accessor(JsonNode from, String at, boolean all);

    /** Compiles an {@code each:} of a repeating group. */
    Group group(JsonNode each, String at);

    /** Cuts a file of many records into records with their line numbers. */
    FileSplit split(byte[] file);

    /** Reads one source field from an item (the record, or one element of a repeating group). */
    interface Accessor {
        Object read(Object item);

        /** The source field as lineage names it, e.g. a column name, positions, an XPath or a JSON pointer. */
        String source(Object item);
    }

    /** The elements of a repeating group within an item. */
    interface Group {
        List<Object> items(Object item);
    }
}
