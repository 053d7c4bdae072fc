package org.forcelink;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the ForceLink hub: sources, broker topology, routes, tracking and the HTTP API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ForceLinkApplication {

    public static void main(String[] args) {
        SpringApplication.run(ForceLinkApplication.class, args);
    }
}
