package org.forcelink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The hub's HTTP API for the client commands: {@code --url}, and either an operator ({@code --user} with
 * the password from FORCELINK_PASSWORD) or a force token from FORCELINK_TOKEN. A picocli mixin.
 */
public class HubClient {

    /** A non-2xx answer, with the problem's detail when the hub gave one. */
    public static final class HubError extends RuntimeException {
        final int status;

        HubError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Hub URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--user", description = "Operator name; the password is read from FORCELINK_PASSWORD. "
            + "Without it, the force token in FORCELINK_TOKEN is used.")
    String user;

    /** Where the environment comes from; tests replace it. */
    Function<String, String> environment = System::getenv;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public JsonNode post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String query(Map<String, String> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private URI uri(String path) {
        return URI.create(url.replaceAll("/+$", "") + path);
    }

    private JsonNode send(HttpRequest.Builder request) {
        request.header("Accept", "application/json").timeout(Duration.ofSeconds(60));
        request.header("Authorization", authorization());
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new HubError(0, "cannot reach " + url + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubError(0, "interrupted");
        }
        JsonNode body;
        try {
            body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.nullNode();
        }
        if (response.statusCode() / 100 != 2) {
            String detail = body.path("detail").asText(body.path("title").asText(""));
            throw new HubError(response.statusCode(), "HTTP " + response.statusCode() + (detail.isEmpty() ? "" : ": "
                    + detail));
        }
        return body;
    }

    private String authorization() {
        if (user != null) {
            String password = environment.apply("FORCELINK_PASSWORD");
            if (password == null) {
                throw new HubError(0, "--user needs the password in FORCELINK_PASSWORD");
            }
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        }
        String token = environment.apply("FORCELINK_TOKEN");
        if (token == null) {
            throw new HubError(0, "give --user (and FORCELINK_PASSWORD) or a force token in FORCELINK_TOKEN");
        }
        return "Bearer " + token;
    }
}
