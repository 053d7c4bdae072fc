package org.forcelink.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.forcelink.registry.ForceRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A query block that cannot be used makes its system missing with the reason, never a silent gap. */
class QueryTargetsTest {

    private static final SearchSettings SETTINGS = new SearchSettings(3000, 4000, 250, 10, 20, 65536, 5242880, 100,
            new SearchSettings.Stubs(true));

    @Test
    void eachUnusableQueryBlockSaysWhy(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kent.yaml"), """
                force: kent
                systems:
                  a: {family: canonical-json, contentTypes: [application/json],
                      query: {transport: http-json, url: "http://kent.example/q"}}
                  b: {family: canonical-json, contentTypes: [application/json],
                      query: {transport: http-json, format: no-such-query, url: "http://kent.example/q"}}
                  c: {family: canonical-json, contentTypes: [application/json],
                      query: {transport: soap, format: canonical-json-query, url: "http://kent.example/q"}}
                  d: {family: canonical-json, contentTypes: [application/json],
                      query: {transport: http-json, format: canonical-json-query, url: "ftp://kent.example/q"}}
                  e: {family: canonical-json, contentTypes: [application/json],
                      query: {transport: http-json, format: canonical-json-query}}
                  f: {family: canonical-json, contentTypes: [application/json],
                      query: {transport: http-json, format: canonical-json-query, url: "https://kent.example/q?x=1",
                              timeoutMs: 800, tokenEnv: KENT_QUERY_TOKEN}}
                  g: {family: canonical-json, contentTypes: [application/json]}
                """);
        QueryTargets targets = new QueryTargets(ForceRegistry.load(dir, SearchFixtures.REFERENCE), SearchFixtures.FORMATS,
                SETTINGS, Optional::empty, name -> name.equals("KENT_QUERY_TOKEN") ? "secret" : null);

        assertThat(targets.all()).extracting(QueryTarget::toString).containsExactly(
                "QueryTarget[kent/a unusable: its query: block names no format]",
                "QueryTarget[kent/b unusable: query format 'no-such-query' is not loaded]",
                "QueryTarget[kent/c unusable: transport 'soap' is not the transport of format canonical-json-query (http-json)]",
                "QueryTarget[kent/d unusable: its url is not an http or https URL]",
                "QueryTarget[kent/e unusable: its query: block has no url]",
                "QueryTarget[kent/f canonical-json-query https://kent.example/q?x=1]");
        QueryTarget usable = targets.all().get(5);
        assertThat(usable.timeoutMs()).isEqualTo(800);
        assertThat(usable.token()).isEqualTo("secret");
    }

    @Test
    void aSearchForOneForceAsksOnlyItAndAForceWithoutAnsweringSystemIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kent.yaml"), """
                force: kent
                systems:
                  custody: {family: canonical-json, contentTypes: [application/json],
                            query: {transport: http-json, format: canonical-json-query, url: "http://k/q"}}
                """);
        Files.writeString(dir.resolve("surrey.yaml"), """
                force: surrey
                systems:
                  crime: {family: crime-csv, contentTypes: [text/csv]}
                """);
        QueryTargets targets = new QueryTargets(ForceRegistry.load(dir, SearchFixtures.REFERENCE), SearchFixtures.FORMATS,
                SETTINGS, Optional::empty, name -> null);

        assertThat(targets.forQuery(query("kent"))).extracting(QueryTarget::name).containsExactly("kent/custody");
        assertThatThrownBy(() -> targets.forQuery(query("surrey"))).isInstanceOf(SearchRefusal.class)
                .hasMessage("force 'surrey' has no system that answers subject queries");
        assertThatThrownBy(() -> targets.forQuery(query("essex"))).isInstanceOf(SearchRefusal.class)
                .hasMessage("force 'essex' is not connected to the hub");
    }

    private static SubjectQuery query(String force) {
        return new SubjectQuery("2008/0123456X", null, null, (LocalDate) null, null, force);
    }
}
