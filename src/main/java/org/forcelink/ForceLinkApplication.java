package org.forcelink;

import org.forcelink.cli.ForceLinkCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the ForceLink hub: sources, broker topology, routes, tracking and the HTTP API; or, when the first
 * argument is a command of the command-line client (e.g. {@code mapping test}), runs that instead.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ForceLinkApplication {

    public static void main(String[] args) {
        if (ForceLinkCli.handles(args)) {
            System.exit(ForceLinkCli.run(args));
        }
        SpringApplication.run(ForceLinkApplication.class, args);
    }
}
