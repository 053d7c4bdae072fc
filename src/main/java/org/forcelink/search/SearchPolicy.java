package org.forcelink.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.forcelink.config.YamlDocument;
import org.forcelink.mapping.CanonicalFields;
import org.forcelink.reference.ReferenceData;

/**
 * Who may search for subjects, for which purpose, and what each purpose may see, from
 * {@code config/search.yaml}. A purpose is a named allow-list of canonical fields; a grant gives callers
 * (all credentials of a force, one credential, or every force with {@code "*"}) the right to search for
 * some purposes.
 */
public final class SearchPolicy {

    /** A purpose a search may be made for, and the fields it may see. */
    public record Purpose(String code, String description, FieldFilter fields) {}

    /** Callers that may search for the given purposes: one of force (or "*") or credential is set. */
    public record Grant(String force, String credential, Set<String> purposes) {

        boolean covers(SearchCaller caller) {
            if (!SearchCaller.CREDENTIAL.equals(caller.kind())) {
                // Operators get grants of their own (by role) when they can log in; none until then.
                return false;
            }
            if (credential != null) {
                return credential.equals(caller.id());
            }
            return "*".equals(force) || force.equals(caller.force());
        }
    }

    private final Map<String, Purpose> purposes;
    private final List<Grant> grants;

    public SearchPolicy(Map<String, Purpose> purposes, List<Grant> grants) {
        this.purposes = Map.copyOf(purposes);
        this.grants = List.copyOf(grants);
    }

    public Optional<Purpose> purpose(String code) {
        return Optional.ofNullable(purposes.get(code));
    }

    /** The purpose codes, sorted, for messages. */
    public List<String> purposeCodes() {
        return new TreeMap<>(purposes).keySet().stream().toList();
    }

    public boolean mayUse(SearchCaller caller, String purpose) {
        return grants.stream().anyMatch(grant -> grant.purposes().contains(purpose) && grant.covers(caller));
    }

    /** Reads and checks the policy file; every problem names the file and line. */
    public static SearchPolicy read(Path file, ReferenceData reference) {
        YamlDocument doc = YamlDocument.read(file);
        JsonNode root = doc.root();
        if (!root.isObject() || !root.path("purposes").isObject()) {
            throw doc.problem("", "config/search.yaml is a map with purposes: and grants:");
        }
        Map<String, Purpose> purposes = new LinkedHashMap<>();
        root.path("purposes").fields().forEachRemaining(entry -> {
            String at = "/purposes/" + YamlDocument.escape(entry.getKey());
            JsonNode fields = entry.getValue().path("fields");
            if (!fields.isArray() || fields.isEmpty()) {
                throw doc.problem(at, "purpose " + entry.getKey() + " needs fields: a list of canonical fields");
            }
            List<String> pointers = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                String pointer = fields.get(i).asText();
                if (!pointer.startsWith("/") || !CanonicalFields.isField(pointer)) {
                    throw doc.problem(at + "/fields/" + i, "'" + pointer + "' is not a field of the canonical record "
                            + "(a JSON pointer such as /custody/medications, lists without an index)");
                }
                pointers.add(pointer);
            }
            purposes.put(entry.getKey(), new Purpose(entry.getKey(),
                    entry.getValue().path("description").asText(""), new FieldFilter(pointers)));
        });
        List<Grant> grants = new ArrayList<>();
        JsonNode list = root.path("grants");
        for (int i = 0; i < list.size(); i++) {
            String at = "/grants/" + i;
            JsonNode grant = list.get(i);
            String force = grant.hasNonNull("force") ? grant.get("force").asText() : null;
            String credential = grant.hasNonNull("credential") ? grant.get("credential").asText() : null;
            if ((force == null) == (credential == null)) {
                throw doc.problem(at, "a grant names exactly one of force: (a force code or \"*\") and credential:");
            }
            if (force != null && !force.equals("*") && reference.force(force).isEmpty()) {
                throw doc.problem(at + "/force", "force '" + force + "' is not in config/reference/forces.csv");
            }
            List<String> codes = new ArrayList<>();
            JsonNode granted = grant.path("purposes");
            for (int j = 0; j < granted.size(); j++) {
                String code = granted.get(j).asText();
                if (!purposes.containsKey(code)) {
                    throw doc.problem(at + "/purposes/" + j, "purpose '" + code + "' is not declared under purposes:");
                }
                codes.add(code);
            }
            if (codes.isEmpty()) {
                throw doc.problem(at, "a grant needs purposes: a list of purpose codes");
            }
            grants.add(new Grant(force, credential, Set.copyOf(codes)));
        }
        return new SearchPolicy(purposes, grants);
    }
}
