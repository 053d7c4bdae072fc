package org.forcelink.registry;

import java.util.Arrays;
import java.util.Optional;

/** A way a force system can submit records to the hub (ARCHITECTURE 3.2); a system declares which it uses. */
public enum Channel {
    /** {@code POST /api/v1/records/{system}}. */
    HTTP,
    /** {@code SubmitRecord} on the SOAP service at {@code /services/records}. */
    SOAP,
    /** Files dropped into {@code <data-dir>/inbox/<force>/<system>/}. */
    FILE,
    /** Messages on the Artemis queue {@code inbound.<force>.<system>}. */
    JMS;

    /** The name used in config, e.g. {@code channels: [http, file]}. */
    public String configName() {
        return name().toLowerCase();
    }

    public static Optional<Channel> fromConfig(String name) {
        return Arrays.stream(values()).filter(channel -> channel.configName().equals(name)).findFirst();
    }
}
