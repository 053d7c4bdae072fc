package org.forcelink.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.forcelink.config.ReloadStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config/search.yaml follows edits within a second; a broken edit is refused and the policy before stays. */
class ReloadableTest {

    private static final String CUSTODY_ONLY = """
            purposes:
              custody: {fields: [/custody/medications]}
            grants:
              - force: "*"
                purposes: [custody]
            """;

    @Test
    void anEditTakesEffectAtTheNextCheckAndABrokenOneIsRefusedAtItsLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("search.yaml");
        Files.writeString(file, CUSTODY_ONLY);
        AtomicLong nanos = new AtomicLong();
        ReloadStatus status = new ReloadStatus(Clock.systemUTC());
        Reloadable<SearchPolicy> policy = new Reloadable<>("subject search policy", file,
                () -> SearchPolicy.read(file, SearchFixtures.REFERENCE), status, nanos::get);
        assertThat(policy.get().purposeCodes()).containsExactly("custody");

        Files.writeString(file, CUSTODY_ONLY.replace("purposes: [custody]", "purposes: [custody, welfare]")
                .replace("custody: {fields", "welfare: {fields: [/nominal/surname]}\n  custody: {fields"));
        assertThat(policy.get().purposeCodes()).as("not checked again within a second").containsExactly("custody");
        nanos.addAndGet(1_000_000_000L);
        assertThat(policy.get().purposeCodes()).containsExactly("custody", "welfare");

        Files.writeString(file, CUSTODY_ONLY.replace("[/custody/medications]", "[/custody/medicine]"));
        nanos.addAndGet(1_000_000_000L);
        assertThat(policy.get().purposeCodes()).containsExactly("custody", "welfare");
        assertThat(status.problem(file)).hasValueSatisfying(problem -> assertThat(problem.describe())
                .isEqualTo(file + ":2: '/custody/medicine' is not a field of the canonical record (a JSON pointer "
                        + "such as /custody/medications, lists without an index)"));

        Files.writeString(file, CUSTODY_ONLY);
        nanos.addAndGet(1_000_000_000L);
        assertThat(policy.get().purposeCodes()).containsExactly("custody");
        assertThat(status.problem(file)).isEmpty();
    }
}
