package io.edgeladder.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every command's help renders: descriptions are format strings ({@code %} must be {@code %%}) and none is empty. */
class HelpTextTest {

    @Test
    void everyOptionAndParameter_hasADescriptionThatFormats() {
        List<String> problems = new ArrayList<>();
        walk(ControllerCli.commandLine(), problems);
        assertThat(problems).isEmpty();
    }

    private static void walk(CommandLine cl, List<String> problems) {
        CommandSpec spec = cl.getCommandSpec();
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        for (ArgSpec a : args) {
            String name = spec.qualifiedName() + " " + (a instanceof OptionSpec o ? o.longestName() : a.paramLabel());
            if (a.description().length == 0 || String.join("", a.description()).isBlank()) {
                problems.add(name + ": no description");
            }
            for (String line : a.description()) {
                try {
                    String.format(line);
                } catch (IllegalFormatException e) {
                    problems.add(name + ": '" + line + "' is not a format string (" + e.getMessage() + ")");
                }
            }
        }
        cl.getSubcommands().values().forEach(sub -> walk(sub, problems));
    }
}
