package org.forcelink.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.forcelink.config.ConfigFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchPolicyTest {

    private static final SearchPolicy SHIPPED = SearchPolicy.read(Path.of("config/search.yaml"), SearchFixtures.REFERENCE);

    @Test
    void theCustodyPurposeSeesIdentityRiskMedicationAndMarkersOnly() {
        FieldFilter custody = SHIPPED.purpose("custody").orElseThrow().fields();

        assertThat(custody.allows("/custody/medications/0/dose")).isTrue();
        assertThat(custody.allows("/custody/riskAssessment/outcome")).isTrue();
        assertThat(custody.allows("/custody/detainee/warningMarkers/0/code")).isTrue();
        assertThat(custody.allows("/nominal/warningMarkers/0/description")).isTrue();
        assertThat(custody.allows("/nominal/dateOfBirth")).isTrue();
        assertThat(custody.allows("/intelligence/text")).isFalse();
        assertThat(custody.allows("/intelligence/subjects/0/surname")).isFalse();
        assertThat(custody.allows("/nominal/addresses/0/line1")).isFalse();
        assertThat(custody.allows("/custody/detainee/addresses/0/postcode")).isFalse();
        assertThat(custody.allows("/custody/arrest/offences/0/description")).isFalse();
        assertThat(custody.allows("/crime/suspects/0/surname")).isFalse();
        assertThat(custody.allows("/caseFile/charges/0/wording")).isFalse();
        assertThat(custody.allows("/envelope/messageId")).isFalse();
    }

    @Test
    void everyForceMaySearchForCustodyAndOnlyKentsHubCredentialForInvestigation() {
        assertThat(SHIPPED.mayUse(SearchCaller.credential("essex-hub", "essex"), "custody")).isTrue();
        assertThat(SHIPPED.mayUse(SearchCaller.credential("kent-crime-desk", "kent"), "custody")).isTrue();
        assertThat(SHIPPED.mayUse(SearchCaller.credential("essex-hub", "essex"), "investigation")).isFalse();
        assertThat(SHIPPED.mayUse(SearchCaller.credential("kent-crime-desk", "kent"), "investigation")).isFalse();
        assertThat(SHIPPED.mayUse(SearchCaller.credential("kent-hub", "kent"), "investigation")).isTrue();
        assertThat(SHIPPED.mayUse(new SearchCaller(SearchCaller.OPERATOR, "jsmith", "kent"), "custody")).isFalse();
        assertThat(SHIPPED.purposeCodes()).containsExactly("custody", "investigation");
    }

    @Test
    void aPolicyNamingAFieldTheModelDoesNotHaveIsRefusedAtItsLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("search.yaml");
        Files.writeString(file, """
                purposes:
                  custody:
                    fields:
                      - /custody/medications
                      - /custody/medicine
                grants:
                  - force: "*"
                    purposes: [custody]
                """);

        assertThatThrownBy(() -> SearchPolicy.read(file, SearchFixtures.REFERENCE))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage(file + ":5: '/custody/medicine' is not a field of the canonical record (a JSON pointer such "
                        + "as /custody/medications, lists without an index)");
    }

    @Test
    void aGrantOfAnUndeclaredPurposeOrToAnUnknownForceIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("search.yaml");
        Files.writeString(file, """
                purposes:
                  custody:
                    fields: [/custody/medications]
                grants:
                  - force: gotham
                    purposes: [custody]
                """);
        assertThatThrownBy(() -> SearchPolicy.read(file, SearchFixtures.REFERENCE))
                .hasMessage(file + ":5: force 'gotham' is not in config/reference/forces.csv");

        Files.writeString(file, """
                purposes:
                  custody:
                    fields: [/custody/medications]
                grants:
                  - credential: kent-hub
                    purposes: [custody, curiosity]
                """);
        assertThatThrownBy(() -> SearchPolicy.read(file, SearchFixtures.REFERENCE))
                .hasMessage(file + ":6: purpose 'curiosity' is not declared under purposes:");
    }
}
