package org.forcelink.ingest.soap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands in front of the CXF servlet: a path under {@code /services} other than the records service is
 * 404, a request whose body is over the per-record limit (5 MiB by default, as on HTTP) is 413, and a POST
 * that is not XML by its Content-Type (SOAP 1.1 text/xml, SOAP 1.2 application/soap+xml, or application/xml)
 * is 415, all before CXF parses anything and all as the hub's problem+json, like any refusal the web
 * server makes.
 * The body is read once here, up to the limit, and handed on from memory.
 */
public class SoapRequestFilter extends OncePerRequestFilter {

    static final String XML_ONLY = "the records service accepts SOAP: text/xml, application/soap+xml or"
            + " application/xml";

    private final String servicePath;
    private final long maxBytes;

    public SoapRequestFilter(String servicePath, long maxBytes) {
        this.servicePath = servicePath;
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!servicePath.equals(request.getRequestURI())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if ("POST".equals(request.getMethod()) && !isXml(request.getContentType())) {
            response.setStatus(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            response.setContentType("application/problem+json");
            response.getOutputStream().write(("{\"type\":\"urn:forcelink:problem:unsupported-media-type\","
                    + "\"title\":\"Unsupported Media Type\",\"status\":415,\"detail\":\"" + XML_ONLY + "\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        if (request.getContentLengthLong() > maxBytes) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        chain.doFilter(new BufferedRequest(request, body), response);
    }

    private static boolean isXml(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals("text/xml") || type.equals("application/soap+xml") || type.equals("application/xml");
    }

    /** The request with its body already read. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }
    }
}
