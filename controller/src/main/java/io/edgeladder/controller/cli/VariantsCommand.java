package io.edgeladder.controller.cli;

import picocli.CommandLine.Command;

/** {@code variants}: the variant builder's commands ({@code inspect}, {@code build}). */
@Command(name = "variants", mixinStandardHelpOptions = true,
        description = "Build and inspect model variant ladders.",
        subcommands = {InspectCommand.class, BuildCommand.class})
public final class VariantsCommand {
}
