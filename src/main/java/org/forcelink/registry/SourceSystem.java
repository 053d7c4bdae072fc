package org.forcelink.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;

/**
 * A force system registered in config: the source family (which names the mapping folder), the content
 * types it submits and the channel it uses (http, soap, file or jms; http when not said). {@code settings}
 * is the system's whole block as written, so that other parts of the hub can read keys of their own (such
 * as {@code query:}) that the registry does not interpret.
 */
public record SourceSystem(String id, String family, String description, List<String> contentTypes, String channel,
        JsonNode settings) {

    public static final String DEFAULT_CHANNEL = "http";

    public SourceSystem {
        settings = settings == null ? MissingNode.getInstance() : settings.deepCopy();
    }

    public SourceSystem(String id, String family, String description, List<String> contentTypes, String channel) {
        this(id, family, description, contentTypes, channel, null);
    }

    public SourceSystem(String id, String family, String description, List<String> contentTypes) {
        this(id, family, description, contentTypes, DEFAULT_CHANNEL);
    }

    /** A key of the system's block that the registry itself does not read; a missing node when absent. */
    public JsonNode setting(String key) {
        return settings.path(key);
    }

    public boolean accepts(String mediaType) {
        return contentTypes.stream().anyMatch(type -> type.equalsIgnoreCase(mediaType));
    }
}
