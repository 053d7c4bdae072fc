package org.forcelink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.forcelink.canonical.RecordType;
import org.forcelink.routing.BreakerSettings;
import org.forcelink.routing.FieldAllowList;
import org.forcelink.routing.Recipient;
import org.forcelink.routing.RecordFilter;
import org.forcelink.routing.RetryPolicy;
import org.forcelink.routing.TransportSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File recipients: one file per record named after its message id, never seen half written. */
class FileRecipientTransportTest {

    @TempDir
    Path dataDir;

    @Test
    void writesOneFileNamedAfterTheMessageIdAndLeavesNoTemporaryFile() throws Exception {
        Recipient recipient = new Recipient("archive", "test", Set.of(RecordType.CRIME), RecordFilter.ALWAYS, null,
                new FieldAllowList(List.of()), List.of(), "pnd-xml", null, new TransportSettings.File("feeds/archive"),
                new RetryPolicy(Duration.ofMillis(1), 1, Duration.ofMillis(1), Duration.ZERO), BreakerSettings.DEFAULT);
        String messageId = "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5";

        RecipientAnswer answer = new FileRecipientTransport(dataDir).send(new RecipientTransport.Delivery(recipient,
                messageId, Rendered.text("<PndRecord>£162.00</PndRecord>", "application/xml", "xml")));

        assertThat(answer).isEqualTo(RecipientAnswer.delivered("written as " + messageId + ".xml"));
        Path folder = dataDir.resolve("feeds/archive");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(messageId + ".xml");
        }
        assertThat(Files.readString(folder.resolve(messageId + ".xml"))).isEqualTo("<PndRecord>£162.00</PndRecord>");
    }
}
