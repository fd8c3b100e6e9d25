package io.edgeladder.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's help renders without picocli's formatter warnings (a bare {@code %} in a description) and
 * every option and parameter has a description.
 */
class HelpTextTest {

    @Test
    void everyCommandsHelp_rendersWithoutWarnings_andDescribesEveryArgument() {
        List<String> problems = new ArrayList<>();
        walk(ControllerCli.commandLine(), problems);
        assertThat(problems).isEmpty();
    }

    private static void walk(CommandLine cl, List<String> problems) {
        CommandSpec spec = cl.getCommandSpec();
        String warnings = warningsOf(() -> cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
        if (!warnings.isEmpty()) {
            problems.add(spec.qualifiedName() + " --help: " + warnings.strip());
        }
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        for (ArgSpec a : args) {
            if (String.join("", a.description()).isBlank()) {
                problems.add(spec.qualifiedName() + " "
                        + (a instanceof OptionSpec o ? o.longestName() : a.paramLabel()) + ": no description");
            }
        }
        cl.getSubcommands().values().forEach(sub -> walk(sub, problems));
    }

    /** What picocli's tracer printed on stderr while {@code r} ran. */
    private static String warningsOf(Runnable r) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
