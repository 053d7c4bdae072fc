package org.forcelink.mapping;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.forcelink.config.YamlDocument;

/**
 * The code lists of {@code config/reference/*.csv} as mappings use them: a lookup names a list and two of
 * its columns. Lists are read once per load of the mappings.
 */
public final class ReferenceLists {

    private final Path dir;
    private final Map<String, List<Map<String, String>>> lists = new ConcurrentHashMap<>();

    public ReferenceLists(Path referenceDir) {
        this.dir = referenceDir;
    }

    /** Column {@code key} to column {@code value} of list {@code name}; the first row of a repeated key wins. */
    Map<String, String> table(String name, String key, String value, YamlDocument doc, String at) {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw doc.problem(at + "/list", "a reference list is named by its file name without .csv, e.g. sex_codes");
        }
        List<Map<String, String>> rows = lists.computeIfAbsent(name, n -> read(dir.resolve(n + ".csv"), doc, at));
        if (!rows.isEmpty() && (!rows.get(0).containsKey(key) || !rows.get(0).containsKey(value))) {
            throw doc.problem(at, "reference list " + name + ".csv has no column '"
                    + (rows.get(0).containsKey(key) ? value : key) + "'; it has " + rows.get(0).keySet());
        }
        Map<String, String> table = new HashMap<>();
        for (Map<String, String> row : rows) {
            table.putIfAbsent(row.get(key), row.get(value));
        }
        return Map.copyOf(table);
    }

    private static List<Map<String, String>> read(Path csv, YamlDocument doc, String at) {
        if (!Files.isRegularFile(csv)) {
            throw doc.problem(at + "/list", "no reference list " + csv.getFileName() + " in " + csv.getParent());
        }
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            return rows.readAll();
        } catch (IOException e) {
            throw doc.problem(at + "/list", "reference list " + csv.getFileName() + " cannot be read: " + e.getMessage());
        }
    }
}
