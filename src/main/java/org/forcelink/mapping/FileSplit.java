package org.forcelink.mapping;

import java.util.List;

/**
 * A dropped file cut into records, or the reason the file as a whole cannot be read (empty, no record
 * could be read, wrong encoding). Bad single records are not a reason: they are mapped and rejected
 * one by one, so the records around them go on.
 */
public record FileSplit(List<SourceRecord> records, String rejection) {

    public static FileSplit of(List<SourceRecord> records) {
        return new FileSplit(List.copyOf(records), null);
    }

    public static FileSplit rejected(String reason) {
        return new FileSplit(List.of(), reason);
    }

    public boolean isRejected() {
        return rejection != null;
    }
}
