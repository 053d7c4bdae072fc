package org.forcelink.mapping;

/** A record that cannot be understood or has no identity: becomes a rejected {@link MappingOutcome}. */
final class Rejection extends RuntimeException {

    private final String code;
    private final String path;

    Rejection(String code, String path, String reason) {
        super(reason, null, false, false);
        this.code = code;
        this.path = path;
    }

    MappingOutcome outcome() {
        return MappingOutcome.rejected(code, path, getMessage());
    }
}
