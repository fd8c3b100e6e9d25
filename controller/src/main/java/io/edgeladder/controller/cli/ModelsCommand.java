package io.edgeladder.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code models list} and {@code models push LADDER_DIR}. Push sends the folder's absolute path: the
 * controller reads the ladder from its own file system, so run it on the controller host (or a folder both
 * see at the same path).
 */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List models, push ladders as signed releases.",
    subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Push.class})
public final class ModelsCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Models with their latest release.")
  static final class ListModels extends RestCommand {
    @Override
    void run(RestClient client) throws Stop, IOException, InterruptedException {
      JsonNode models = check(client.get("/models"));
      print(models, out -> {
        Table t = new Table("MODEL", "RELEASES", "LATEST RELEASE", "CREATED");
        for (JsonNode m : models) {
          t.row(text(m, "name"), text(m, "releases"), text(m, "latestRelease"), text(m, "createdAt"));
        }
        t.print(out);
      });
    }
  }

  @Command(name = "push", mixinStandardHelpOptions = true,
      description = "Sign and publish the ladder in LADDER_DIR (a folder on the controller host).")
  static final class Push extends RestCommand {
    @Parameters(paramLabel = "LADDER_DIR", description = "folder holding ladder.json (what `variants build` writes)")
    Path folder;

    @Option(names = "--force", description = "publish chunks and manifest again even if already published")
    boolean force;

    @Override
    void run(RestClient client) throws Stop, IOException, InterruptedException {
      JsonNode r = check(client.post("/releases", Map.of("path", folder.toAbsolutePath().normalize().toString(),
          "force", force)));
      print(r, out -> {
        out.println("release " + text(r, "releaseSha") + " of " + text(r, "model")
            + (r.get("newRelease").asBoolean() ? " (new)" : " (already recorded)"));
        out.println("signed by key " + text(r, "keyId") + "; " + text(r, "artifacts") + " artifacts, "
            + text(r, "chunksPublished") + " chunks (" + text(r, "bytesPublished") + " bytes) published, "
            + text(r, "artifactsSkipped") + " already on the broker");
      });
    }
  }
}
