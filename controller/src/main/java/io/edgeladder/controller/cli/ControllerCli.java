package io.edgeladder.controller.cli;

import io.edgeladder.controller.app.KeysCommand;
import io.edgeladder.controller.app.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code edgeladder-controller}: root command. Subcommand groups add themselves in {@code subcommands}.
 * Exit codes: 0 success, 1 failure reported on stderr (bad model, I/O), 2 usage error; the REST commands
 * ({@code agents}, {@code models}, {@code desired}, {@code rollout}, {@code drift}) exit 2 for a 4xx answer and
 * 3 when the controller is unreachable or answers 5xx.
 */
@Command(name = "edgeladder-controller", mixinStandardHelpOptions = true, version = "edgeladder-controller 0.1.0",
        description = "EdgeLadder fleet controller tools.",
        subcommands = {VariantsCommand.class, KeysCommand.class, ServeCommand.class, AgentsCommand.class,
            ModelsCommand.class, DesiredCommand.class, RolloutCommand.class, DriftCommand.class,
            CommandLine.HelpCommand.class})
public final class ControllerCli {

    /** A configured command line (tests set its out/err writers). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ControllerCli());
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            // Known failures (bad model file, ORT refusal, I/O) are one line for the user, not a stack trace.
            line.getErr().println("error: " + ex.getMessage());
            return 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
