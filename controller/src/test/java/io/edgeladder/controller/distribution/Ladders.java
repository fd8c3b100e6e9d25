package io.edgeladder.controller.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The committed demo ladder ({@code configs/ladder}: fp32 + qat accepted) and copies of it for bad-input tests. */
public final class Ladders {
  public static final Path ROOT = locateRoot();
  public static final Path LADDER = ROOT.resolve("configs/ladder");

  private Ladders() {}

  /**
   * Copies the ladder into {@code dir} with every variant file beside {@code ladder.json}.
   *
   * @return dir
   */
  public static Path copy(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode ladder = json.readTree(LADDER.resolve("ladder.json").toFile());
    Files.createDirectories(dir);
    for (JsonNode v : ladder.get("variants")) {
      Path source = LADDER.resolve(v.get("file").asText()).normalize();
      String local = v.get("id").asText() + ".onnx";
      Files.copy(source, dir.resolve(local));
      ((ObjectNode) v).put("file", local);
    }
    json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("ladder.json").toFile(), ladder);
    return dir;
  }

  private static Path locateRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("configs/ladder/ladder.json"))) p = p.getParent();
    if (p == null) {
      throw new IllegalStateException("tests: no configs/ladder/ladder.json above " + Path.of("").toAbsolutePath());
    }
    return p;
  }
}
