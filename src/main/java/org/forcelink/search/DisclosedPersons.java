package org.forcelink.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The people a disclosed record shows (the nominal, a detainee, a defendant, intelligence subjects, crime
 * suspects and victims), as the subject keys the search log finds them by: a record about two people was
 * a consultation of both.
 */
final class DisclosedPersons {

    private static final List<String> PERSONS = List.of("/nominal", "/custody/detainee", "/caseFile/defendant");
    private static final List<String> PERSON_LISTS = List.of("/intelligence/subjects", "/crime/suspects",
            "/crime/victims");

    private DisclosedPersons() {}

    static Set<String> keys(JsonNode record) {
        List<JsonNode> persons = new ArrayList<>();
        PERSONS.forEach(pointer -> persons.add(record.at(pointer)));
        PERSON_LISTS.forEach(pointer -> record.at(pointer).forEach(persons::add));
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode person : persons) {
            if (!person.isObject()) {
                continue;
            }
            String pnc = person.path("pncId").asText("");
            if (SubjectKeys.PNC_ID.matcher(pnc).matches()) {
                keys.add(SubjectKeys.pnc(pnc));
            }
            String surname = person.path("surname").asText("");
            String forename = person.path("forenames").path(0).asText("");
            String born = person.path("dateOfBirth").asText("");
            if (!SubjectKeys.fold(surname).isEmpty() && !SubjectKeys.fold(forename).isEmpty() && !born.isEmpty()) {
                keys.add(SubjectKeys.name(surname, forename, born));
            }
        }
        return keys;
    }
}
