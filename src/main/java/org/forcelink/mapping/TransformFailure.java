package org.forcelink.mapping;

/**
 * A value a transform could not use (a date in no accepted pattern, a code in no list). The field rule
 * turns it into a warning on the record and drops the value; no stack trace is kept, it is data.
 */
final class TransformFailure extends RuntimeException {

    private final String code;

    TransformFailure(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
