package org.forcelink.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.res.StringManager;

/**
 * Replaces Tomcat's HTML error page for requests the web server refuses before the application sees
 * them (headers too large, a malformed path), so that every error body is problem+json. Tomcat
 * answers oversized headers with 400; the contract's status for them is 431.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final String HEADER_TOO_LARGE =
            StringManager.getManager("org.apache.coyote.http11").getString("iib.requestheadertoolarge.error");

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String detail = "the request is malformed";
        if (throwable != null && HEADER_TOO_LARGE.equals(throwable.getMessage())) {
            status = 431;
            detail = "the request headers are too large";
            response.setStatus(status);
        } else if (status == 404) {
            detail = "no resource at this path";
        } else if (status == 413) {
            detail = "the request body is over the limit";
        } else if (status != 400) {
            detail = "the request could not be served";
        }
        String title = switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 413 -> "Payload Too Large";
            case 431 -> "Request Header Fields Too Large";
            default -> "Error";
        };
        String slug = title.toLowerCase().replace(' ', '-');
        try {
            byte[] body = ("{\"type\":\"urn:forcelink:problem:" + slug + "\",\"title\":\"" + title
                    + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
            response.setContentType("application/problem+json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response already committed; nothing more can be said.
        }
    }
}
