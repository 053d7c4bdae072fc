package org.forcelink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import org.forcelink.HubApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A new force system is connected while the hub runs: a mapping folder and a force entry are written into
 * the hub's (temporary) home, and a record submitted through the new system is delivered with the exact
 * canonical output and its lineage, with no restart. A broken edit of the mapping is then refused with its
 * file and line, and the version before it keeps mapping. It runs its own hub (own home, data folder and
 * ports) rather than the shared one of HubTestSupport, because it edits that hub's configuration.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class HotReloadIT {

    private static final Path HOME = copyOfHome();
    private static final String KENT = "dev-token-kent";

    @LocalServerPort
    int port;
    private static final Duration RELOAD = Duration.ofSeconds(20);
    private static final String CSV = "PERSON_ID,SURNAME,FORENAMES,DOB,SEX\r\nKT-N-0770142,  Okafor ,Grace Ifeoma,05/04/1992,F\r\n";

    @Autowired
    ReloadStatus status;

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("forcelink.home", HOME::toString);
        registry.add("forcelink.data-dir", () -> HOME.resolve("data").toString());
        registry.add("forcelink.broker.acceptor-url", () -> "tcp://127.0.0.1:" + freePort());
        registry.add("forcelink.reload.interval", () -> "200ms");
    }

    @Test
    void newSystemIsConnectedByWritingFilesAndABrokenEditKeepsTheOldMapping() throws IOException {
        Path folder = Files.createDirectories(HOME.resolve("mappings/nominal-csv"));
        Files.writeString(folder.resolve("mapping.yaml"), mapping("1", "trim"));
        Path kent = HOME.resolve("config/forces/kent.yaml");
        Files.writeString(kent, Files.readString(kent).replace("systems:\n", """
                systems:
                  nominals:
                    family: nominal-csv
                    description: Nominal index export (CSV)
                    contentTypes: [text/csv]
                """));

        await().atMost(RELOAD).until(() -> submitCsv().statusCode() != 404);
        HttpResponse<String> response = submitCsv();

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode ack = json(response.body());
        String id = ack.get("messageId").asText();
        assertThat(ack.get("status").asText()).isEqualTo("ACCEPTED");
        await().atMost(RELOAD).until(() -> HubApi.deliveredTo(port, KENT, "pnd", id));
        assertThat(HubApi.canonicalOf(port, id)).isEqualTo(expected(id, ack.get("receivedAt").asText(), "1"));
        await().atMost(RELOAD).until(() -> json(get("/api/v1/messages/" + id, KENT).body()).path("lineage").size() > 0);
        JsonNode lineage = json(get("/api/v1/messages/" + id, KENT).body()).get("lineage");
        assertThat(lineage.toString()).contains("{\"field\":\"/nominal/surname\",\"source\":\"SURNAME\","
                + "\"rule\":\"trim\",\"mapping\":\"nominal-csv 1\"}");

        Files.writeString(folder.resolve("mapping.yaml"), mapping("2", "trim, {shout: loudly}"));

        Path file = folder.resolve("mapping.yaml").toAbsolutePath().normalize();
        await().atMost(RELOAD).until(() -> status.problem(file).isPresent());
        ReloadStatus.Problem problem = status.problem(file).get();
        assertThat(problem.line()).isEqualTo(24);
        assertThat(problem.problem()).startsWith("unknown transform 'shout'; known: add, boolean,");
        HttpResponse<String> afterBrokenEdit = submitCsv();
        assertThat(afterBrokenEdit.statusCode()).isEqualTo(202);
        String second = json(afterBrokenEdit.body()).get("messageId").asText();
        await().atMost(RELOAD).until(() -> HubApi.deliveredTo(port, KENT, "pnd", second));
        assertThat(HubApi.canonicalOf(port, second))
                .isEqualTo(expected(second, json(afterBrokenEdit.body()).get("receivedAt").asText(), "1"));
    }

    private HttpResponse<String> submitCsv() {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/records/nominals"))
                .header("Authorization", "Bearer " + KENT).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(CSV, StandardCharsets.UTF_8)).build());
    }

    private HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return HubApi.send(request);
    }

    private static JsonNode json(String text) {
        return HubApi.json(text);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String expected(String id, String receivedAt, String version) {
        return "{\"envelope\":{\"messageId\":\"" + id + "\",\"sourceForce\":\"kent\",\"sourceSystem\":\"nominals\","
                + "\"sourceRecordId\":\"KT-N-0770142\",\"recordType\":\"nominal\",\"action\":\"insert\","
                + "\"receivedAt\":\"" + receivedAt + "\",\"schemaVersion\":\"1.0\","
                + "\"mapping\":{\"id\":\"nominal-csv\",\"version\":\"" + version + "\"}},"
                + "\"nominal\":{\"localPersonId\":\"KT-N-0770142\",\"surname\":\"Okafor\","
                + "\"forenames\":[\"Grace\",\"Ifeoma\"],\"dateOfBirth\":\"1992-04-05\",\"sex\":\"2\"}}";
    }

    /** A small mapping of a nominal index CSV; the surname's transforms are on line 24. */
    private static String mapping(String version, String surnameTransforms) {
        return """
                # Nominal index export: one person per line.
                id: nominal-csv
                version: "%s"
                recordType: nominal
                source:
                  format: csv
                  encoding: windows-1252
                fields:
                  /envelope/sourceRecordId:
                    from: PERSON_ID
                    transforms: [trim]
                    identity: true
                  /nominal/localPersonId:
                    from: PERSON_ID
                    transforms: [trim]
                  /nominal/forenames:
                    from: FORENAMES
                    transforms: [trim, {split: " "}]
                  /nominal/dateOfBirth:
                    from: DOB
                    transforms: [trim, {date: [dd/MM/yyyy]}]
                  /nominal/surname:
                    from: SURNAME
                    transforms: [%s]
                  /nominal/sex:
                    from: SEX
                    transforms: [trim, {lookup: {list: sex_codes, key: pnc_code, value: cjs_code}}]
                """.formatted(version, surnameTransforms);
    }

    /** The project's routes, mappings and config copied into a temporary home the test may edit. */
    private static Path copyOfHome() {
        try {
            Path home = Files.createTempDirectory("forcelink-home-");
            for (String folder : List.of("routes", "mappings", "config")) {
                Path from = Path.of(folder);
                try (Stream<Path> files = Files.walk(from)) {
                    for (Path source : files.toList()) {
                        Path target = home.resolve(source.toString());
                        if (Files.isDirectory(source)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
