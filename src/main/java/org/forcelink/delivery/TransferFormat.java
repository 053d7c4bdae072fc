package org.forcelink.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import org.forcelink.routing.Recipient;

/**
 * Writes a canonical record in a receiving force's own system format, for custody transfers between
 * forces: the reverse of the inbound mapping of that system's family. One implementation per family;
 * the hub picks it by the family the receiving system is registered with in config/forces, so a force
 * that changes system changes one line of config. A family without one cannot receive transfers yet
 * (the record is dead-lettered for that force with the reason, and replayed once a format exists).
 */
public interface TransferFormat {

    /** The source family this format writes, as named by {@code family:} in config/forces. */
    String family();

    /** The record (already cut down to the transfer subscription's allowed fields) in the family's format. */
    Rendered render(JsonNode record, Recipient.Transfer target);
}
