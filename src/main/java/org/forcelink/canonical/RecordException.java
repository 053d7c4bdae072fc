package org.forcelink.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A problem found in a record that did not stop it (accept, then complain): a data item, not a Java
 * exception. {@code path} is a JSON pointer into the canonical record. Codes are listed in
 * docs/exceptions.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordException(String code, String path, Severity severity, String message) {

    /** WARNING: the record flows on. ERROR: the record could not be accepted (only on rejections). */
    public enum Severity { WARNING, ERROR }

    public static RecordException warning(String code, String path, String message) {
        return new RecordException(code, path, Severity.WARNING, message);
    }

    public static RecordException error(String code, String path, String message) {
        return new RecordException(code, path, Severity.ERROR, message);
    }
}
