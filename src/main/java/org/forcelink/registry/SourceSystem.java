package org.forcelink.registry;

import java.util.List;

/**
 * A force system registered in config: the source family (which names the mapping folder), the content
 * types it submits and the channel it uses (http, soap, file or jms; http when not said).
 */
public record SourceSystem(String id, String family, String description, List<String> contentTypes, String channel) {

    public static final String DEFAULT_CHANNEL = "http";

    public SourceSystem(String id, String family, String description, List<String> contentTypes) {
        this(id, family, description, contentTypes, DEFAULT_CHANNEL);
    }

    public boolean accepts(String mediaType) {
        return contentTypes.stream().anyMatch(type -> type.equalsIgnoreCase(mediaType));
    }
}
