package org.forcelink.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.forcelink.ingest.IdempotencyStore;
import org.forcelink.ingest.IdempotencyStore.Claim;
import org.forcelink.ingest.IdempotencyStore.Completion;
import org.forcelink.ingest.IdempotencyStore.Entry;
import org.forcelink.ingest.IdempotencyStore.VersionCompletion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Claiming many idempotency keys in one transaction, as the records of a dropped file are claimed,
 * against a real database: new keys are this request's, a key taken before answers with its first
 * entry, and a taken key in the middle of a batch costs none of its neighbours (on PostgreSQL a refused
 * insert would spoil the whole transaction). Answers under keys and under source versions are stored
 * together in one transaction. Subclasses give the database.
 */
abstract class IdempotencyClaimsScenarios {

    private IdempotencyStore store;
    private JdbcTemplate jdbc;

    /** A migrated, empty tracking store for one test. */
    abstract DataSource database();

    @BeforeEach
    void store() {
        jdbc = new JdbcTemplate(database());
        store = new IdempotencyStore(jdbc);
    }

    private static Claim claim(String key, String messageId) {
        return new Claim("avon-and-somerset", "crime", key, "sha-" + key, messageId);
    }

    @Test
    void newKeysAreAllClaimedInOneGoUnderTheirOwnMessageIds() {
        List<Optional<Entry>> earlier = store.claimAll(List.of(claim("file:abc:2", "m-2"), claim("file:abc:3", "m-3"),
                claim("file:abc:4", "m-4")));

        assertThat(earlier).containsExactly(Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(jdbc.queryForList("select idem_key || ' ' || message_id || ' ' || body_sha256 from idempotency_key"
                + " order by idem_key", String.class))
                .containsExactly("file:abc:2 m-2 sha-file:abc:2", "file:abc:3 m-3 sha-file:abc:3",
                        "file:abc:4 m-4 sha-file:abc:4");
    }

    @Test
    void aKeyClaimedBeforeAnswersWithTheFirstEntryAndItsNeighboursAreStillClaimed() {
        assertThat(store.claim("avon-and-somerset", "crime", "file:abc:3", "sha-first", "m-first")).isEmpty();
        store.complete("avon-and-somerset", "crime", "file:abc:3", 202, "{\"status\":\"ACCEPTED\"}");

        List<Optional<Entry>> earlier = store.claimAll(List.of(claim("file:abc:2", "m-2"), claim("file:abc:3", "m-3"),
                claim("file:abc:4", "m-4")));

        assertThat(earlier.get(0)).isEmpty();
        assertThat(earlier.get(1)).hasValueSatisfying(entry -> {
            assertThat(entry.messageId()).isEqualTo("m-first");
            assertThat(entry.bodySha256()).isEqualTo("sha-first");
            assertThat(entry.httpStatus()).isEqualTo(202);
            assertThat(entry.answer()).isEqualTo("{\"status\":\"ACCEPTED\"}");
        });
        assertThat(earlier.get(2)).isEmpty();
        assertThat(jdbc.queryForList("select idem_key || ' ' || message_id from idempotency_key order by idem_key",
                String.class)).containsExactly("file:abc:2 m-2", "file:abc:3 m-first", "file:abc:4 m-4");
    }

    @Test
    void theSameFileClaimedAgainFindsEveryKeyTaken() {
        store.claimAll(List.of(claim("file:abc:2", "m-2"), claim("file:abc:3", "m-3")));

        List<Optional<Entry>> again = store.claimAll(List.of(claim("file:abc:2", "n-2"), claim("file:abc:3", "n-3")));

        assertThat(again).extracting(entry -> entry.map(Entry::messageId).orElse("claimed now"))
                .containsExactly("m-2", "m-3");
    }

    @Test
    void answersUnderKeysAndSourceVersionsAreStoredTogether() {
        store.claimAll(List.of(claim("file:abc:2", "m-2")));
        store.claimSourceVersion("avon-and-somerset", "crime", "AS-1", 1, "sha-AS-1", "m-3");

        store.completeAll(List.of(new Completion("avon-and-somerset", "crime", "file:abc:2", 202, "{\"key\":1}"),
                new VersionCompletion("avon-and-somerset", "crime", "AS-1", 1, 422, "{\"version\":1}")));

        assertThat(store.find("avon-and-somerset", "crime", "file:abc:2")).hasValueSatisfying(entry -> {
            assertThat(entry.httpStatus()).isEqualTo(202);
            assertThat(entry.answer()).isEqualTo("{\"key\":1}");
        });
        assertThat(store.findSourceVersion("avon-and-somerset", "crime", "AS-1", 1)).hasValueSatisfying(entry -> {
            assertThat(entry.httpStatus()).isEqualTo(422);
            assertThat(entry.answer()).isEqualTo("{\"version\":1}");
        });
    }
}
