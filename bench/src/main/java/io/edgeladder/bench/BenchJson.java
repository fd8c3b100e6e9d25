package io.edgeladder.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every benchmark's JSON record shares: the targets' shape and the stamped file plus its latest copy. */
public final class BenchJson {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private BenchJson() {}

  /** The targets as records: name, value, limit ("<= 1.5 x"), met, verdict. */
  public static List<Map<String, Object>> targets(List<Target> targets) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Target t : targets) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", t.name());
      m.put("value", t.value());
      m.put("limit", (t.atMost() ? "<= " : ">= ") + t.limit() + " " + t.unit());
      m.put("met", t.met());
      m.put("verdict", t.verdict());
      out.add(m);
    }
    return out;
  }

  /**
   * Writes {@code root} as {@code <benchmark>-<UTC stamp of now>.json} in {@code dir} and copies it to
   * {@code <benchmark>-latest.json}.
   *
   * @return the stamped file
   */
  public static Path write(Path dir, String benchmark, Instant now, Map<String, Object> root) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(benchmark + "-" + STAMP.format(now) + ".json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    Files.copy(file, dir.resolve(benchmark + "-latest.json"), StandardCopyOption.REPLACE_EXISTING);
    return file;
  }
}
