package org.forcelink.reference;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Code lists from {@code config/reference/}: forces, sex and ethnicity codes, loaded once and read by mappings. */
public final class ReferenceData {

    /** A police force as listed in forces.csv. */
    public record ForceInfo(String code, String name, String country, String region, String pncForceCode,
            String onsPfaCode, String onsPfaName) {}

    public static final String OFFICER_DEFINED_SCHEME = "officer_defined_ic_6plus1";

    private final Map<String, ForceInfo> forces;
    private final Map<String, String> sexLabels;
    private final Set<String> officerDefinedEthnicity;
    private final Set<String> selfDefinedEthnicity;

    private ReferenceData(Map<String, ForceInfo> forces, Map<String, String> sexLabels,
            Set<String> officerDefinedEthnicity, Set<String> selfDefinedEthnicity) {
        this.forces = Collections.unmodifiableMap(forces);
        this.sexLabels = Collections.unmodifiableMap(sexLabels);
        this.officerDefinedEthnicity = Collections.unmodifiableSet(officerDefinedEthnicity);
        this.selfDefinedEthnicity = Collections.unmodifiableSet(selfDefinedEthnicity);
    }

    public static ReferenceData load(Path referenceDir) {
        Map<String, ForceInfo> forces = new LinkedHashMap<>();
        for (Map<String, String> row : read(referenceDir.resolve("forces.csv"))) {
            forces.put(row.get("code"), new ForceInfo(row.get("code"), row.get("name"), row.get("country"),
                    row.get("region"), row.get("pnc_force_code"), row.get("ons_pfa_code"), row.get("ons_pfa_name")));
        }
        Map<String, String> sex = new LinkedHashMap<>();
        for (Map<String, String> row : read(referenceDir.resolve("sex_codes.csv"))) {
            sex.put(row.get("cjs_code"), row.get("label"));
        }
        Set<String> officer = new TreeSet<>();
        Set<String> self = new TreeSet<>();
        for (Map<String, String> row : read(referenceDir.resolve("ethnicity_codes.csv"))) {
            String scheme = row.get("scheme");
            if (OFFICER_DEFINED_SCHEME.equals(scheme)) {
                officer.add(row.get("code"));
            } else if (scheme.startsWith("self_defined")) {
                self.add(row.get("code"));
            }
        }
        return new ReferenceData(forces, sex, officer, self);
    }

    private static List<Map<String, String>> read(Path csv) {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> rows =
                mapper.readerForMapOf(String.class).with(schema).readValues(csv.toFile())) {
            return rows.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference list " + csv, e);
        }
    }

    public Optional<ForceInfo> force(String code) {
        return Optional.ofNullable(forces.get(code));
    }

    public Map<String, ForceInfo> forces() {
        return forces;
    }

    public boolean isSexCode(String code) {
        return sexLabels.containsKey(code);
    }

    public boolean isOfficerDefinedEthnicity(String code) {
        return officerDefinedEthnicity.contains(code);
    }

    /** True for a code of either self-defined scheme (2001 16+1 or 2011 18+1); both are in live data. */
    public boolean isSelfDefinedEthnicity(String code) {
        return selfDefinedEthnicity.contains(code);
    }

}
