package org.forcelink.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import java.util.Set;

/**
 * A force system registered in config: the source family (which names the mapping folder), the content
 * types it submits and the channels it submits them over (HTTP when config names none). {@code settings}
 * is the system's whole block as written, so that other parts of the hub can read keys of their own (such
 * as {@code query:}) that the registry does not interpret.
 */
public record SourceSystem(String id, String family, String description, List<String> contentTypes,
        Set<Channel> channels, JsonNode settings) {

    public SourceSystem {
        contentTypes = List.copyOf(contentTypes);
        channels = channels.isEmpty() ? Set.of(Channel.HTTP) : Set.copyOf(channels);
        settings = settings == null ? MissingNode.getInstance() : settings.deepCopy();
    }

    public SourceSystem(String id, String family, String description, List<String> contentTypes,
            Set<Channel> channels) {
        this(id, family, description, contentTypes, channels, null);
    }

    /** A system submitting over HTTP only, as every system did before channels were declared. */
    public SourceSystem(String id, String family, String description, List<String> contentTypes) {
        this(id, family, description, contentTypes, Set.of(Channel.HTTP));
    }

    /** A key of the system's block that the registry itself does not read; a missing node when absent. */
    public JsonNode setting(String key) {
        return settings.path(key);
    }

    public boolean accepts(String mediaType) {
        return contentTypes.stream().anyMatch(type -> type.equalsIgnoreCase(mediaType));
    }

    public boolean uses(Channel channel) {
        return channels.contains(channel);
    }
}
