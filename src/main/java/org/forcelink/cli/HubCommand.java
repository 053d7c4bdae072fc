package org.forcelink.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the commands that call the hub share: the connection options and the answer to a failed call,
 * which goes to stderr with exit code 1 (4 when the hub refused the caller, 3 for not found).
 */
abstract class HubCommand implements Callable<Integer> {

    @Mixin
    HubClient hub = new HubClient();

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (HubClient.HubError e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return e.status == 404 ? 3 : e.status == 401 || e.status == 403 ? 4 : 1;
        }
    }

    abstract int run();

    static String text(com.fasterxml.jackson.databind.JsonNode node, String field) {
        com.fasterxml.jackson.databind.JsonNode value = node.get(field);
        return value == null || value.isNull() ? "-" : value.asText();
    }
}
