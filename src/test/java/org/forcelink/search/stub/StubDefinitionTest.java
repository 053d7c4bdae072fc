package org.forcelink.search.stub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.forcelink.config.ReloadStatus;
import org.forcelink.search.QueryFormat;
import org.forcelink.search.QueryFormats;
import org.forcelink.search.RequestTemplate;
import org.forcelink.search.SubjectQuery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each format's stub reads the requests that format writes: by PNC ID, by name and date of birth, or neither. */
class StubDefinitionTest {

    private static final Path QUERIES = Path.of("mappings/queries");
    private static final QueryFormats FORMATS = new QueryFormats(QUERIES, family -> true,
            new ReloadStatus(java.time.Clock.systemUTC()));

    @ParameterizedTest
    @ValueSource(strings = {"canonical-json-query", "casefile-xml-soap-query", "crime-csv-query",
            "custody-fixed-width-query", "intel-xml-soap-query", "rms-json-query"})
    void answersTheSampleSubjectByEitherIdentifierAndNothingForAnyoneElse(String id) {
        QueryFormat format = FORMATS.format(id).orElseThrow();
        StubDefinition stub = StubDefinition.read(StubDefinition.file(QUERIES, id).orElseThrow());
        LocalDate born = LocalDate.parse("1990-02-14");
        byte[] brannigan = stub.answer("kent", request(format, new SubjectQuery("2008/0123456X", null, null, null,
                null, null))).body();

        assertThat(new String(brannigan, StandardCharsets.ISO_8859_1)).contains("{{forceNumber}}");
        assertThat(stub.answer("kent", request(format, new SubjectQuery(null, "BRANNIGAN", "callum", born, null, null)))
                .body()).isEqualTo(brannigan);
        for (SubjectQuery other : List.of(new SubjectQuery("2012/0339021T", null, null, null, null, null),
                new SubjectQuery(null, "Brannigan", "Callum", LocalDate.parse("1990-02-15"), null, null),
                new SubjectQuery(null, "Harte", "Callum", born, null, null))) {
            assertThat(stub.answer("kent", request(format, other)).body()).isEqualTo(stub.empty().body());
        }
        assertThat(stub.answer("kent", "not a request at all".getBytes(StandardCharsets.UTF_8)).body())
                .isEqualTo(stub.empty().body());
    }

    private static byte[] request(QueryFormat format, SubjectQuery query) {
        Map<String, String> values = RequestTemplate.values("5b7c0f61-5f7e-4c61-9d0b-3a7f3c1e2d10", "custody", "kent",
                query);
        return format.body(values);
    }
}
