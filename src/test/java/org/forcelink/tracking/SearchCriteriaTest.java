package org.forcelink.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.forcelink.api.ApiProblem;
import org.junit.jupiter.api.Test;

class SearchCriteriaTest {

    @Test
    void readsEveryParameterAndDatesAsTheStartOfTheDayInUtc() {
        SearchCriteria criteria = SearchCriteria.parse(" 46MA/01873/26 ", "kent", "custody", "FAILED", "pnd",
                "2026-11-28", "2026-11-29T10:15:00Z", "20", null);

        assertThat(criteria).isEqualTo(new SearchCriteria("46MA/01873/26", "kent", "custody", "FAILED", "pnd",
                Instant.parse("2026-11-28T00:00:00Z"), Instant.parse("2026-11-29T10:15:00Z"), 20, null));
    }

    @Test
    void nothingGivenMeansEverythingNewestFirstFiftyAtATime() {
        assertThat(SearchCriteria.parse(null, "", " ", null, null, null, null, null, null))
                .isEqualTo(new SearchCriteria(null, null, null, null, null, null, null, 50, null));
    }

    @Test
    void aCursorComesBackAsItWasGiven() {
        SearchCriteria.Cursor cursor = new SearchCriteria.Cursor(Instant.parse("2026-11-29T10:15:00.123Z"),
                "6f1c2a44-1111-4111-8111-111111111111");

        assertThat(SearchCriteria.parse(null, null, null, null, null, null, null, null, cursor.encode()).after())
                .isEqualTo(cursor);
    }

    @Test
    void malformedParametersAreRefusedWithTheReason() {
        assertThatThrownBy(() -> SearchCriteria.parse(null, null, null, null, null, null, null, "ten", null))
                .isInstanceOf(ApiProblem.class).hasMessage("limit must be 1 to 500");
        assertThatThrownBy(() -> SearchCriteria.parse("k".repeat(201), null, null, null, null, null, null, null, null))
                .isInstanceOf(ApiProblem.class).hasMessage("key may be at most 200 characters");
        assertThatThrownBy(() -> SearchCriteria.parse(null, null, null, null, null, null, null, null, "%%%"))
                .isInstanceOf(ApiProblem.class).hasMessage("cursor is not one this hub gave out");
    }
}
