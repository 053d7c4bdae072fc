package org.forcelink.registry;

import java.util.List;
import java.util.Set;

/**
 * A force system registered in config: the source family (which names the mapping folder), the
 * content types it submits and the channels it submits them over (HTTP when config names none).
 */
public record SourceSystem(String id, String family, String description, List<String> contentTypes,
        Set<Channel> channels) {

    public SourceSystem {
        contentTypes = List.copyOf(contentTypes);
        channels = channels.isEmpty() ? Set.of(Channel.HTTP) : Set.copyOf(channels);
    }

    /** A system submitting over HTTP only, as every system did before channels were declared. */
    public SourceSystem(String id, String family, String description, List<String> contentTypes) {
        this(id, family, description, contentTypes, Set.of(Channel.HTTP));
    }

    public boolean accepts(String mediaType) {
        return contentTypes.stream().anyMatch(type -> type.equalsIgnoreCase(mediaType));
    }

    public boolean uses(Channel channel) {
        return channels.contains(channel);
    }
}
