package org.forcelink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/**
 * routes/home-office-stats-out, -file and -daily: crime records are kept as count rows (nothing
 * personal) until the scheduled file, which counts each crime once and lists the message ids it covers.
 */
class HomeOfficeStatsRoutesTest extends OutboundRouteTestSupport {

    private static final String FIRST = "11111111-1111-4111-8111-111111111111";
    private static final String SECOND = "33333333-3333-4333-8333-333333333333";
    private static final String THIRD = "44444444-4444-4444-8444-444444444444";
    private static final String WRITE = "direct:home-office-stats-file";

    HomeOfficeStatsRoutesTest() {
        super("home-office-stats");
    }

    private Path folder() {
        return dataDir.resolve("feeds/home-office-stats");
    }

    private void startRoutes() throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveResource(context, "file:routes/home-office-stats-file.camel.yaml"),
                ResourceHelper.resolveResource(context, "file:routes/home-office-stats-daily.camel.yaml"));
        AdviceWith.adviceWith(context, routeId(), route -> route.replaceFromWith(DELIVER));
        AdviceWith.adviceWith(context, "home-office-stats-daily", route -> {
            route.replaceFromWith("direct:tick");
            route.weaveById("home-office-stats-write-now").replace().to("mock:write-now");
        });
        context.start();
    }

    @Test
    void theFileCountsNotifiableOffencesByDateForceAndClassificationWithAManifestBesideIt() throws Exception {
        startRoutes();
        deliver(golden("home-office-stats-csv", "crime-two-offences", Map.of()));
        deliver(golden("home-office-stats-csv", "crime-with-a-non-notifiable-offence",
                Map.of("/envelope/messageId", SECOND)));

        template.sendBody(WRITE, null);

        assertThat(files()).containsExactly("home-office-stats-2026-11-29.csv",
                "home-office-stats-2026-11-29.manifest.json");
        assertThat(Files.readString(folder().resolve("home-office-stats-2026-11-29.csv"))).isEqualTo("""
                recorded_on,force,ons_pfa_code,home_office_classification,offences\r
                2026-11-28,kent,E23000032,046/00,3\r
                2026-11-28,kent,E23000032,058/01,1\r
                """);
        assertThat(Files.readString(folder().resolve("home-office-stats-2026-11-29.manifest.json"))).isEqualTo("""
                {
                  "file" : "home-office-stats-2026-11-29.csv",
                  "recipient" : "home-office-stats",
                  "messageIds" : [ "%s", "%s" ]
                }""".formatted(FIRST, SECOND));
        assertThat(journey.events()).containsExactly(
                new Event(FIRST, "delivered", "home-office-stats-file", "home-office-stats",
                        "counted in home-office-stats-2026-11-29.csv"),
                new Event(SECOND, "delivered", "home-office-stats-file", "home-office-stats",
                        "counted in home-office-stats-2026-11-29.csv"));
    }

    @Test
    void nothingPersonalIsKeptWhileRecordsWaitForTheFile() throws Exception {
        startRoutes();

        deliver(golden("home-office-stats-csv", "crime-two-offences", Map.of()));

        List<String> kept = jdbc.queryForList("select rows_json from batch_entry", String.class);
        assertThat(kept).containsExactly("[{\"recorded_on\":\"2026-11-28\",\"force\":\"kent\",\"ons_pfa_code\":"
                + "\"E23000032\",\"home_office_classification\":\"046/00\"},{\"recorded_on\":\"2026-11-28\","
                + "\"force\":\"kent\",\"ons_pfa_code\":\"E23000032\",\"home_office_classification\":\"058/01\"}]");
        assertThat(journey.events()).isEmpty();
    }

    @Test
    void aCrimeIsCountedOnceAsItsLatestVersionAndNotAgainInALaterFile() throws Exception {
        startRoutes();
        deliver(golden("home-office-stats-csv", "crime-two-offences", Map.of()));
        // Version 2 reclassifies the damage before the file is written.
        deliver(golden("home-office-stats-csv", "crime-two-offences", Map.of("/envelope/messageId", SECOND,
                "/envelope/sourceVersion", 2, "/crime/offences", List.of(
                        Map.of("cjsOffenceCode", "TH68010", "homeOfficeClassification", "046/00"),
                        Map.of("cjsOffenceCode", "CD71001", "homeOfficeClassification", "058/02")))));
        template.sendBody(WRITE, null);
        deliver(golden("home-office-stats-csv", "crime-two-offences", Map.of("/envelope/messageId", THIRD,
                "/envelope/sourceVersion", 3)));

        template.sendBody(WRITE, null);

        assertThat(Files.readString(folder().resolve("home-office-stats-2026-11-29.csv"))).isEqualTo("""
                recorded_on,force,ons_pfa_code,home_office_classification,offences\r
                2026-11-28,kent,E23000032,046/00,1\r
                2026-11-28,kent,E23000032,058/02,1\r
                """);
        assertThat(Files.readString(folder().resolve("home-office-stats-2026-11-29-2.csv"))).isEqualTo(
                "recorded_on,force,ons_pfa_code,home_office_classification,offences\r\n");
        assertThat(Files.readString(folder().resolve("home-office-stats-2026-11-29-2.manifest.json")))
                .contains("\"messageIds\" : [ \"" + THIRD + "\" ]");
        assertThat(journey.events()).extracting(Event::messageId, Event::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FIRST, "covered by home-office-stats-2026-11-29.csv; counted as its"
                        + " later version 2 (message " + SECOND + ")"),
                org.assertj.core.groups.Tuple.tuple(SECOND, "counted in home-office-stats-2026-11-29.csv"),
                org.assertj.core.groups.Tuple.tuple(THIRD, "covered by home-office-stats-2026-11-29-2.csv; source"
                        + " record 46/221874/26 was already counted in home-office-stats-2026-11-29.csv, so it is"
                        + " not counted again"));
    }

    @Test
    void aRunWithNothingPendingWritesNoFile() throws Exception {
        startRoutes();

        template.sendBody(WRITE, null);

        assertThat(files()).isEmpty();
        assertThat(journey.events()).isEmpty();
    }

    @Test
    void aCrimeWithoutARecordedTimeIsHeldForTheStatisticsOnly() throws Exception {
        startRoutes();

        deliver(golden("home-office-stats-csv", "crime-two-offences", Map.of("/crime/recordedAt", "")));

        assertThat(jdbc.queryForList("select message_id from batch_entry", String.class)).isEmpty();
        assertThat(journey.events()).containsExactly(new Event(FIRST, "held", "home-office-stats-out",
                "home-office-stats", "missing required field /crime/recordedAt; a corrected version releases it"));
    }

    @Test
    void theScheduleAsksTheFileRouteToWrite() throws Exception {
        startRoutes();
        getMockEndpoint("mock:write-now").expectedMessageCount(1);

        template.sendBody("direct:tick", null);

        getMockEndpoint("mock:write-now").assertIsSatisfied();
        assertThat(context.getRoute("home-office-stats-daily").getEndpoint().getEndpointUri())
                .isEqualTo("direct://tick");
    }

    private List<String> files() throws Exception {
        if (!Files.isDirectory(folder())) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder())) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
