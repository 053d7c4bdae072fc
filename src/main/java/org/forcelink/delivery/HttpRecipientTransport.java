package org.forcelink.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.routing.FieldPath;
import org.forcelink.routing.TransportSettings;

/**
 * POSTs a record to an HTTP recipient with its credentials and the {@code X-ForceLink-Message-Id}
 * header. 2xx is delivered (or, for recipients that answer ACK/NACK, whatever the answer says); 408,
 * 425, 429, 5xx and I/O errors are worth retrying; any other status is a refusal of this record.
 */
public class HttpRecipientTransport implements RecipientTransport {

    private static final Set<Integer> RETRYABLE = Set.of(408, 425, 429);
    private static final int REASON_LIMIT = 300;

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final UnaryOperator<String> placeholders;

    /** {@code placeholders} resolves {@code ${NAME:default}} in url and credentials. */
    public HttpRecipientTransport(UnaryOperator<String> placeholders) {
        this.placeholders = placeholders;
    }

    @Override
    public String type() {
        return "http";
    }

    @Override
    public RecipientAnswer send(Delivery delivery) throws IOException, InterruptedException {
        TransportSettings.Http settings = (TransportSettings.Http) delivery.recipient().transport();
        String recipient = delivery.recipient().id();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(placeholders.apply(settings.url())))
                .timeout(settings.timeout())
                .header("Content-Type", delivery.rendered().contentType())
                .header(ForceLinkHeaders.HTTP_MESSAGE_ID, delivery.messageId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.rendered().body()));
        String authorization = authorization(settings.auth(), placeholders);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = client.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return settings.acknowledgement() == null
                    ? RecipientAnswer.delivered("HTTP " + status + " from " + recipient)
                    : acknowledgement(recipient, status, response.body(), settings.acknowledgement());
        }
        if (status >= 500 || RETRYABLE.contains(status)) {
            throw new RecipientUnavailableException("HTTP " + status + " from " + recipient);
        }
        throw new RecipientRefusedException("HTTP " + status + " from " + recipient + ": "
                + shorten(response.body()));
    }

    /** The Authorization header value for these credentials, or null for none. */
    static String authorization(TransportSettings.Auth auth, UnaryOperator<String> placeholders) {
        if (auth == null) {
            return null;
        }
        if (auth.scheme().equals("bearer")) {
            return "Bearer " + placeholders.apply(auth.token());
        }
        String pair = placeholders.apply(auth.username()) + ":" + placeholders.apply(auth.password());
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static RecipientAnswer acknowledgement(String recipient, int status, String body,
            TransportSettings.Acknowledgement paths) {
        JsonNode answer;
        try {
            answer = CanonicalJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new RecipientUnavailableException("HTTP " + status + " from " + recipient
                    + " without a readable acknowledgement");
        }
        String verdict = first(paths.status(), answer);
        String reason = paths.reason() == null ? null : first(paths.reason(), answer);
        String reference = paths.reference() == null ? null : first(paths.reference(), answer);
        if ("ACK".equalsIgnoreCase(verdict)) {
            return new RecipientAnswer(RecipientAnswer.Outcome.ACK, "ACK from " + recipient
                    + (reference != null ? ", reference " + reference : ""), null, reference);
        }
        if ("NACK".equalsIgnoreCase(verdict)) {
            return new RecipientAnswer(RecipientAnswer.Outcome.NACK, "NACK from " + recipient, shorten(reason), reference);
        }
        throw new RecipientUnavailableException("HTTP " + status + " from " + recipient
                + " with acknowledgement status '" + shorten(verdict) + "', neither ACK nor NACK");
    }

    private static String first(FieldPath path, JsonNode answer) {
        List<JsonNode> values = path.values(answer);
        return values.isEmpty() ? null : values.get(0).asText();
    }

    static String shorten(String text) {
        if (text == null) {
            return null;
        }
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() <= REASON_LIMIT ? line : line.substring(0, REASON_LIMIT) + "…";
    }
}
