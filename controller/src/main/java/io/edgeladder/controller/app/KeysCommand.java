package io.edgeladder.controller.app;

import io.edgeladder.protocol.dist.KeyFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keys}: the controller's Ed25519 signing keys. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage the release signing keys.",
    subcommands = KeysCommand.Generate.class)
public final class KeysCommand {

  /**
   * {@code keys generate --out DIR}: writes {@code controller.key} (PKCS#8 PEM, mode 0600) and
   * {@code controller.pub} (X.509 PEM, the file agents are configured with) and prints the key id. Never
   * overwrites: an existing file fails the command (exit 1).
   */
  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Generate an Ed25519 key pair (private key mode 0600; never overwrites).")
  public static final class Generate implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the two key files")
    private Path out;

    @Option(names = "--name", defaultValue = "controller", description = "file name stem (default: ${DEFAULT-VALUE})")
    private String name;

    @Override
    public Integer call() throws Exception {
      Files.createDirectories(out);
      Path privateFile = out.resolve(name + ".key");
      Path publicFile = out.resolve(name + ".pub");
      KeyPair pair = KeyFiles.generate();
      KeyFiles.write(pair, privateFile, publicFile);
      PrintWriter w = spec.commandLine().getOut();
      w.println("key id:      " + KeyFiles.keyId(pair.getPublic()));
      w.println("private key: " + privateFile + " (keep it on the controller)");
      w.println("public key:  " + publicFile + " (configure agents with it)");
      w.flush();
      return 0;
    }
  }
}
