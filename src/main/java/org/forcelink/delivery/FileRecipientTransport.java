package org.forcelink.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.forcelink.routing.TransportSettings;

/**
 * Writes one file per record, {@code <messageId>.<ext>}, into the recipient's folder under the data
 * dir: first under a dot-name that readers ignore, then renamed in one step, so nobody sees half a file.
 */
public class FileRecipientTransport implements RecipientTransport {

    private final Path dataDir;

    public FileRecipientTransport(Path dataDir) {
        this.dataDir = dataDir;
    }

    @Override
    public String type() {
        return "file";
    }

    @Override
    public RecipientAnswer send(Delivery delivery) throws IOException {
        TransportSettings.File settings = (TransportSettings.File) delivery.recipient().transport();
        String name = delivery.messageId() + "." + delivery.rendered().extension();
        write(dataDir.resolve(settings.folder()), name, delivery.rendered().body());
        return RecipientAnswer.delivered("written as " + name);
    }

    /** Writes {@code name} in {@code folder} atomically: a temporary dot-file, then a rename. */
    public static Path write(Path folder, String name, byte[] content) throws IOException {
        Files.createDirectories(folder);
        Path temporary = folder.resolve(".part-" + name);
        Files.write(temporary, content);
        Path target = folder.resolve(name);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
