package org.forcelink.registry;

import java.util.List;

/**
 * A force system registered in config: the source family (which names the mapping folder) and the
 * content types it submits.
 */
public record SourceSystem(String id, String family, String description, List<String> contentTypes) {

    public boolean accepts(String mediaType) {
        return contentTypes.stream().anyMatch(type -> type.equalsIgnoreCase(mediaType));
    }
}
