package org.forcelink.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is being searched for: a PNC ID, or surname, first forename and date of birth (or both), optionally
 * a custody number, and optionally the one force to ask. Checked by {@link SearchRequest}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubjectQuery(
        String pncId, String surname, String forename, LocalDate dateOfBirth, String custodyNumber, String force) {

    /** Whether the name, first forename and date of birth are all given. */
    public boolean hasNameAndBirthDate() {
        return surname != null && forename != null && dateOfBirth != null;
    }

    /** The subject keys this query names, for the search log ({@link SubjectKeys}). */
    public List<String> keys() {
        List<String> keys = new ArrayList<>(2);
        if (pncId != null) {
            keys.add(SubjectKeys.pnc(pncId));
        }
        if (hasNameAndBirthDate()) {
            keys.add(SubjectKeys.name(surname, forename, dateOfBirth.toString()));
        }
        return keys;
    }
}
