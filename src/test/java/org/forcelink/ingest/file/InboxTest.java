package org.forcelink.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.forcelink.reference.ReferenceData;
import org.forcelink.registry.ForceRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which entries of the inbox are read and when, against the registry in config/forces (kent declares
 * custody-export with the file channel; its custody system does not use the file channel). The clock is
 * the test's, so "stable for 2 s" is exact.
 */
class InboxTest {

    private static final ForceRegistry REGISTRY = ForceRegistry.load(Path.of("config/forces"),
            ReferenceData.load(Path.of("config/reference")));

    @TempDir
    Path dataDir;
    @TempDir
    Path outside;

    private final AtomicLong nanos = new AtomicLong();
    private final InboxAlerts alerts = new InboxAlerts(Clock.fixed(Instant.parse("2026-11-28T22:00:00Z"),
            ZoneOffset.UTC));
    private Inbox inbox;
    private Path folder;

    @BeforeEach
    void createInbox() {
        inbox = new Inbox(dataDir, REGISTRY, alerts, 2000, nanos::get);
        folder = dataDir.resolve("inbox/kent/custody-export");
    }

    private void advanceSeconds(double seconds) {
        nanos.addAndGet((long) (seconds * TimeUnit.SECONDS.toNanos(1)));
    }

    private static List<String> names(List<DroppedFile> files) {
        return files.stream().map(file -> file.name() + " " + file.kind()).toList();
    }

    @Test
    void createsTheFolderOfEveryRegisteredFileDropSystem() {
        assertThat(inbox.ready()).isEmpty();

        assertThat(folder).isDirectory();
        assertThat(dataDir.resolve("inbox/kent/custody")).doesNotExist();
        assertThat(alerts.current()).isEmpty();
    }

    @Test
    void fileIsReadOnlyOnceItsSizeHasBeenStableForTwoSeconds() throws IOException {
        inbox.ready();
        Path file = Files.writeString(folder.resolve("custody.jsonl"), "{\"a\":1}\n");

        assertThat(inbox.ready()).as("first seen").isEmpty();
        advanceSeconds(1.9);
        assertThat(inbox.ready()).as("stable for 1.9 s").isEmpty();
        Files.writeString(file, "{\"b\":2}\n", StandardOpenOption.APPEND);
        assertThat(inbox.ready()).as("seen grown").isEmpty();
        advanceSeconds(1.9);
        assertThat(inbox.ready()).as("grown, then stable for 1.9 s").isEmpty();
        advanceSeconds(0.1);
        assertThat(inbox.ready()).as("grown, then stable for 2 s").singleElement()
                .isEqualTo(new DroppedFile("kent", "custody-export", folder.toRealPath().resolve("custody.jsonl"),
                        DroppedFile.Kind.REGULAR));
    }

    @Test
    void fileRewrittenInPlaceAtTheSameSizeWaitsAgain() throws IOException {
        inbox.ready();
        Path file = Files.writeString(folder.resolve("custody.jsonl"), "{\"a\":1}\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000));
        inbox.ready();
        advanceSeconds(1.5);
        Files.writeString(file, "{\"a\":2}\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(2_000_000));
        advanceSeconds(1.5);

        assertThat(inbox.ready()).isEmpty();
        advanceSeconds(2);
        assertThat(names(inbox.ready())).containsExactly("custody.jsonl REGULAR");
    }

    @Test
    void temporaryAndHiddenNamesAndFoldersAreNeverRead() throws IOException {
        inbox.ready();
        Files.writeString(folder.resolve("custody.jsonl.part"), "{\"a\":1}");
        Files.writeString(folder.resolve("custody.jsonl.tmp"), "{\"a\":1}");
        Files.writeString(folder.resolve(".custody.jsonl"), "{\"a\":1}");
        Files.createDirectories(folder.resolve("processed"));
        Files.writeString(folder.resolve("processed/old.jsonl.20261127T220000.000Z"), "{\"a\":1}");
        Files.writeString(dataDir.resolve("inbox/kent/stray.jsonl"), "{\"a\":1}");

        inbox.ready();
        advanceSeconds(60);

        assertThat(inbox.ready()).isEmpty();
        assertThat(alerts.current()).isEmpty();
    }

    @Test
    void symbolicLinksAndOtherEntriesAreReadyAtOnceAndNeverFollowed() throws IOException {
        inbox.ready();
        Path secret = Files.writeString(outside.resolve("secret.jsonl"), "{\"a\":1}");
        Files.createSymbolicLink(folder.resolve("link-to-file.jsonl"), secret);
        Files.createSymbolicLink(folder.resolve("dangling.jsonl"), outside.resolve("missing"));
        Files.createSymbolicLink(folder.resolve("link-to-folder"), outside);

        assertThat(names(inbox.ready())).containsExactlyInAnyOrder("link-to-file.jsonl LINK", "dangling.jsonl LINK",
                "link-to-folder LINK");
    }

    @Test
    void folderOfASystemThatIsNotRegisteredIsNotReadAndRaisesAnAlert() throws IOException {
        Path unknownSystem = Files.createDirectories(dataDir.resolve("inbox/kent/nightly-crime"));
        Path httpOnlySystem = Files.createDirectories(dataDir.resolve("inbox/kent/custody"));
        Path unknownForce = Files.createDirectories(dataDir.resolve("inbox/gotham/custody"));
        Files.writeString(unknownSystem.resolve("crime.jsonl"), "{\"a\":1}");
        Files.writeString(httpOnlySystem.resolve("custody.jsonl"), "{\"a\":1}");
        Files.writeString(unknownForce.resolve("custody.jsonl"), "{\"a\":1}");

        inbox.ready();
        advanceSeconds(60);

        assertThat(inbox.ready()).isEmpty();
        assertThat(alerts.current()).extracting(a -> a.force() + "/" + a.system() + ": " + a.reason())
                .containsExactlyInAnyOrder(
                        "gotham/null: no force 'gotham' is registered",
                        "kent/custody: force 'kent' has no registered system 'custody' that declares the file channel",
                        "kent/nightly-crime: force 'kent' has no registered system 'nightly-crime' that declares the"
                                + " file channel");
        assertThat(unknownSystem.resolve("crime.jsonl")).exists();
    }

    @Test
    void alertStandsWhileTheFolderIsThereAndClearsWhenItGoes() throws IOException {
        Path unknown = Files.createDirectories(dataDir.resolve("inbox/kent/nightly-crime"));
        inbox.ready();
        Instant since = alerts.current().get(0).since();
        inbox.ready();

        assertThat(alerts.count()).isEqualTo(1);
        assertThat(alerts.current().get(0).since()).isEqualTo(since);

        Files.delete(unknown);
        inbox.ready();

        assertThat(alerts.current()).isEmpty();
    }

    @Test
    void linkedSystemFolderIsNotFollowed() throws IOException {
        Files.createDirectories(dataDir.resolve("inbox/essex"));
        Files.writeString(outside.resolve("custody.jsonl"), "{\"a\":1}");
        Files.createSymbolicLink(dataDir.resolve("inbox/essex/custody"), outside);

        inbox.ready();
        advanceSeconds(60);

        assertThat(inbox.ready()).isEmpty();
        assertThat(alerts.current()).extracting(InboxAlerts.Alert::reason)
                .containsExactly("the folder is a symbolic link; links are never followed");
    }

    @Test
    void readyFilesComeOldestFirst() throws IOException {
        inbox.ready();
        Path newer = Files.writeString(folder.resolve("a-hourly.jsonl"), "{\"a\":1}");
        Path older = Files.writeString(folder.resolve("b-nightly.jsonl"), "{\"a\":1}");
        Files.setLastModifiedTime(newer, FileTime.fromMillis(2_000_000));
        Files.setLastModifiedTime(older, FileTime.fromMillis(1_000_000));
        inbox.ready();
        advanceSeconds(2);

        assertThat(names(inbox.ready())).containsExactly("b-nightly.jsonl REGULAR", "a-hourly.jsonl REGULAR");
    }
}
