package org.forcelink.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.canonical.CanonicalValidator;
import org.forcelink.canonical.CompletenessRules;
import org.forcelink.canonical.RecordException;
import org.forcelink.config.ConfigFileException;
import org.forcelink.config.YamlDocument;
import org.forcelink.ingest.MessageIds;
import org.forcelink.mapping.CanonicalJsonMapper;
import org.forcelink.mapping.FileSplit;
import org.forcelink.mapping.Lineage;
import org.forcelink.mapping.MappingCompiler;
import org.forcelink.mapping.MappingOutcome;
import org.forcelink.mapping.ReferenceLists;
import org.forcelink.mapping.SourceContext;
import org.forcelink.mapping.SourceMapper;
import org.forcelink.mapping.SourceRecord;
import org.forcelink.reference.ReferenceData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mapping test <mapping-folder> <input-file>}: maps a sample file the way the hub would (cut into
 * records as a file drop would) and prints, per record, the canonical output, the exceptions and the
 * lineage. Exit code 0 when every record was accepted, 1 when one was rejected, 2 when the mapping or the
 * file could not be used.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Map a sample input file and print each record's canonical output, exceptions and lineage.")
final class MappingTestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<mapping-folder>", description = "A folder of mappings/, e.g. mappings/crime-csv")
    Path folder;

    @Parameters(index = "1", paramLabel = "<input-file>", description = "A sample input file")
    Path input;

    @Option(names = "--force", description = "Map as this force (its override in <mapping-folder>/overrides/ applies); default ${DEFAULT-VALUE}",
            defaultValue = "kent")
    String force;

    @Option(names = "--system", description = "System id to put in the envelope; default ${DEFAULT-VALUE}", defaultValue = "test")
    String system;

    @Option(names = "--home", description = "Folder holding config/ (reference lists, completeness rules); default ${DEFAULT-VALUE}",
            defaultValue = ".")
    Path home;

    @Option(names = "--message-id", description = "Message id to put in the envelope; default a new time-ordered UUID")
    String messageId;

    @Option(names = "--received-at", description = "Receipt time to put in the envelope (ISO-8601); default now")
    Instant receivedAt;

    private static final ObjectMapper PRETTY = CanonicalJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SourceMapper mapper;
        try {
            mapper = mapper();
        } catch (ConfigFileException e) {
            err.println("mapping refused: " + e.getMessage());
            return 2;
        }
        if (!Files.isRegularFile(input)) {
            err.println("no input file " + input);
            return 2;
        }
        FileSplit split = mapper.split(Files.readAllBytes(input));
        if (split.isRejected()) {
            err.println("file rejected: " + split.rejection());
            return 2;
        }
        SourceContext context = new SourceContext(force, system,
                messageId != null ? messageId : MessageIds.next(),
                receivedAt != null ? receivedAt : Instant.now());
        int accepted = 0;
        int withExceptions = 0;
        int rejected = 0;
        int n = 0;
        for (SourceRecord record : split.records()) {
            MappingOutcome outcome = mapper.map(context, record.payload());
            String status = outcome.isRejected() ? "REJECTED"
                    : outcome.exceptions().isEmpty() ? "ACCEPTED" : "ACCEPTED_WITH_EXCEPTIONS";
            if (outcome.isRejected()) {
                rejected++;
            } else if (outcome.exceptions().isEmpty()) {
                accepted++;
            } else {
                withExceptions++;
            }
            out.println("record " + ++n + " (line " + record.line() + "): " + status);
            if (!outcome.isRejected()) {
                out.println("canonical:");
                out.println(PRETTY.writeValueAsString(outcome.record()));
            }
            if (outcome.exceptions().isEmpty()) {
                out.println("exceptions: none");
            } else {
                out.println("exceptions:");
                for (RecordException e : outcome.exceptions()) {
                    out.println("  " + e.severity() + " " + e.code() + " " + (e.path().isEmpty() ? "(record)" : e.path())
                            + ": " + e.message());
                }
            }
            if (!outcome.isRejected()) {
                out.println("lineage:");
                for (Lineage l : outcome.lineage()) {
                    out.println("  " + l.field() + " <- " + l.source() + " | " + l.rule() + " | " + l.mapping());
                }
            }
            out.println();
        }
        out.println(n + " record(s): " + accepted + " accepted, " + withExceptions + " accepted with exceptions, "
                + rejected + " rejected");
        out.flush();
        return rejected > 0 ? 1 : 0;
    }

    private SourceMapper mapper() {
        Path config = home.resolve("config");
        ReferenceData reference = ReferenceData.load(config.resolve("reference"));
        CanonicalValidator validator = new CanonicalValidator(reference,
                CompletenessRules.load(config.resolve("completeness.yaml")));
        String family = folder.toAbsolutePath().normalize().getFileName().toString();
        Path mappingFile = folder.resolve("mapping.yaml");
        if (!Files.isRegularFile(mappingFile)) {
            if (family.equals(CanonicalJsonMapper.FAMILY)) {
                return new CanonicalJsonMapper(validator);
            }
            throw new ConfigFileException(mappingFile, 0, "file not found");
        }
        MappingCompiler compiler = new MappingCompiler(new ReferenceLists(config.resolve("reference")), validator);
        YamlDocument base = YamlDocument.read(mappingFile);
        Path override = folder.resolve("overrides").resolve(force + ".yaml");
        return Files.isRegularFile(override)
                ? compiler.compile(family, base, YamlDocument.read(override))
                : compiler.compile(family, base);
    }
}
