package org.forcelink.delivery;

import java.nio.charset.StandardCharsets;

/** A record in a recipient's format, ready for its transport: the bytes, their media type and file extension. */
public record Rendered(byte[] body, String contentType, String extension) {

    public static Rendered text(String body, String contentType, String extension) {
        return new Rendered(body.getBytes(StandardCharsets.UTF_8), contentType, extension);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
