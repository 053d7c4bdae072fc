package org.forcelink.security;

import java.util.Set;

/** An authenticated caller: the force it acts for and the systems it may submit to. */
public record Credential(String id, String force, Set<String> systems) {

    public boolean maySubmitTo(String systemId) {
        return systems.contains("*") || systems.contains(systemId);
    }
}
