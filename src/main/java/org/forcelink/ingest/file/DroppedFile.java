package org.forcelink.ingest.file;

import java.nio.file.Path;

/** A directory entry in a registered system's inbox folder that is ready to be answered. */
public record DroppedFile(String force, String system, Path path, Kind kind) {

    /** What the entry is, seen without following links. */
    public enum Kind {
        /** A regular file whose size has been stable long enough: its records are read. */
        REGULAR,
        /** A symbolic link: never followed, rejected. */
        LINK,
        /** Anything else that is not a folder (a pipe, a socket, a device): never opened, rejected. */
        OTHER
    }

    public String name() {
        return path.getFileName().toString();
    }
}
