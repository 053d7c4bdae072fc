package org.forcelink.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.canonical.CanonicalValidator;
import org.forcelink.canonical.CompletenessRules;
import org.forcelink.config.YamlDocument;
import org.forcelink.mapping.FileSplit;
import org.forcelink.mapping.MappingCompiler;
import org.forcelink.mapping.MappingOutcome;
import org.forcelink.mapping.ReferenceLists;
import org.forcelink.mapping.SourceContext;
import org.forcelink.mapping.SourceMapper;
import org.forcelink.reference.ReferenceData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Records per second one core maps from a crime CSV row to canonical JSON bytes: the compiled
 * declarative mapping (mappings/crime-csv, validation and exceptions included) against a hand-written
 * Jackson mapping of the same fields with the same conversions, and nothing else.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class CrimeCsvMappingBench {

    private static final Path CASE = Path.of("mappings/crime-csv/cases/shop-theft-two-offences/input.csv");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.UK);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.UK);
    private static final Map<String, String> SEX = Map.of("M", "1", "F", "2", "U", "0", "X", "9");
    private static final Map<String, String> STATUS = Map.of("CH", "Charged", "OP", "Open", "NFA", "NoFurtherAction");

    private SourceMapper engine;
    private SourceContext context;
    private byte[] row;
    private ObjectMapper json;
    private CsvMapper csv;

    @Setup
    public void setUp() throws IOException {
        Path config = Path.of("config");
        ReferenceData reference = ReferenceData.load(config.resolve("reference"));
        CanonicalValidator validator = new CanonicalValidator(reference,
                CompletenessRules.load(config.resolve("completeness.yaml")));
        MappingCompiler compiler = new MappingCompiler(new ReferenceLists(config.resolve("reference")), validator);
        engine = compiler.compile("crime-csv", YamlDocument.read(Path.of("mappings/crime-csv/mapping.yaml")));
        FileSplit split = engine.split(Files.readAllBytes(CASE));
        row = split.records().get(0).payload();
        context = new SourceContext("hampshire", "crime", "11111111-1111-4111-8111-111111111111",
                Instant.parse("2026-11-28T22:00:00Z"));
        json = CanonicalJson.mapper();
        csv = new CsvMapper();
        csv.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        MappingOutcome outcome = engine.map(context, row);
        if (outcome.isRejected()) {
            throw new IllegalStateException("the benchmark row is rejected: " + outcome.rejectionReason());
        }
    }

    @Benchmark
    public byte[] engine() throws IOException {
        return json.writeValueAsBytes(engine.map(context, row).record());
    }

    @Benchmark
    public byte[] handWrittenJackson() throws IOException {
        String[] f = lastRow(row);
        ObjectNode root = json.createObjectNode();
        ObjectNode envelope = root.putObject("envelope");
        envelope.put("messageId", context.messageId());
        envelope.put("sourceForce", context.force());
        envelope.put("sourceSystem", context.system());
        envelope.put("sourceRecordId", f[0]);
        envelope.put("sourceVersion", Integer.parseInt(f[1]));
        envelope.put("recordType", "crime");
        envelope.put("action", "N".equals(f[2]) ? "insert" : "U".equals(f[2]) ? "update" : "delete");
        envelope.put("receivedAt", context.receivedAt().toString());
        envelope.put("schemaVersion", "1.0");
        ObjectNode mapping = envelope.putObject("mapping");
        mapping.put("id", "crime-csv");
        mapping.put("version", "1");
        envelope.put("securityMarking", "OFFICIAL");
        ObjectNode crime = root.putObject("crime");
        crime.put("crimeReference", f[0]);
        crime.put("recordedAt", instant(f[3]));
        crime.put("occurredFrom", instant(f[4]));
        crime.put("occurredTo", instant(f[5]));
        ObjectNode location = crime.putObject("location");
        location.put("description", f[6]);
        location.put("postcode", f[7].toUpperCase(Locale.UK));
        ArrayNode offences = crime.putArray("offences");
        for (int i = 8; i < 20; i += 4) {
            if (!f[i].isEmpty()) {
                ObjectNode offence = offences.addObject();
                offence.put("cjsOffenceCode", f[i]);
                offence.put("description", f[i + 1]);
                offence.put("homeOfficeClassification", f[i + 2]);
                offence.put("attempted", "Y".equals(f[i + 3]));
            }
        }
        ArrayNode suspects = crime.putArray("suspects");
        for (int i = 20; i < 30; i += 5) {
            if (!f[i].isEmpty()) {
                ObjectNode suspect = suspects.addObject();
                if (!f[i + 1].isEmpty()) {
                    suspect.put("pncId", f[i + 1]);
                }
                suspect.put("localPersonId", f[i]);
                person(suspect, f[i + 2], f[i + 3], f[i + 4]);
            }
        }
        ArrayNode victims = crime.putArray("victims");
        if (!f[30].isEmpty()) {
            ObjectNode victim = victims.addObject();
            victim.put("localPersonId", f[30]);
            person(victim, f[31], f[32], f[33]);
        }
        crime.put("status", STATUS.getOrDefault(f[34], f[34]));
        crime.put("officerInCase", f[35]);
        return json.writeValueAsBytes(root);
    }

    private String[] lastRow(byte[] payload) throws IOException {
        try (MappingIterator<String[]> rows = csv.readerFor(String[].class)
                .readValues(new String(payload, StandardCharsets.UTF_8))) {
            String[] last = null;
            while (rows.hasNextValue()) {
                last = rows.nextValue();
            }
            return last;
        }
    }

    private static void person(ObjectNode person, String name, String dateOfBirth, String sex) {
        int comma = name.indexOf(',');
        person.put("surname", name.substring(0, comma).trim());
        ArrayNode forenames = person.putArray("forenames");
        for (String forename : name.substring(comma + 1).trim().split(" +")) {
            forenames.add(forename);
        }
        person.put("dateOfBirth", LocalDate.parse(dateOfBirth, DATE).toString());
        person.put("sex", SEX.getOrDefault(sex, "0"));
    }

    private static String instant(String local) {
        return LocalDateTime.parse(local, DATE_TIME).atZone(LONDON).toInstant().toString();
    }
}
