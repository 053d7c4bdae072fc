package org.forcelink.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** One intelligence report with its 3x5x2 grading and the people it concerns (intelligence.schema.json). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Intelligence(
        String intelligenceId,
        Instant reportedAt,
        Grading grading,
        List<Person> subjects,
        String text,
        String officerInCase) {

    /** 3x5x2 grading: source evaluation 1-3, intelligence assessment A-E, handling code P or C. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Grading(String source, String intelligence, String handling) {
    }
}
