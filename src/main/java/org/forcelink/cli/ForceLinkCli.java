package org.forcelink.cli;

import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command-line client: {@code java -jar forcelink.jar <command> ...}. Commands run without starting
 * the hub; with no command (or options only) the jar starts the hub as before.
 */
@Command(name = "forcelink", mixinStandardHelpOptions = true, subcommands = {ForceLinkCli.MappingCommand.class,
        StatusCommand.class, SearchCommand.class, JourneyCommand.class, ReplayCommand.class},
        description = "ForceLink command-line client.")
public final class ForceLinkCli {

    private static final Set<String> COMMANDS = Set.of("mapping", "status", "search", "journey", "replay");

    /** True when the first argument names a command of this client rather than an option of the hub. */
    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs the command and returns its exit code. */
    public static int run(String... args) {
        return new CommandLine(new ForceLinkCli()).execute(args);
    }

    /** {@code forcelink mapping ...}: work with the declarative mappings of mappings/. */
    @Command(name = "mapping", mixinStandardHelpOptions = true, subcommands = MappingTestCommand.class,
            description = "Work with the declarative mappings of mappings/.")
    static final class MappingCommand {}
}
