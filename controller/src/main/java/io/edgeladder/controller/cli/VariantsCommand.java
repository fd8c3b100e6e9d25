package io.edgeladder.controller.cli;

import picocli.CommandLine.Command;

/** {@code variants}: the variant builder's commands ({@code inspect}; {@code build} joins here). */
@Command(name = "variants", mixinStandardHelpOptions = true,
        description = "Build and inspect model variant ladders.",
        subcommands = {InspectCommand.class})
public final class VariantsCommand {
}
