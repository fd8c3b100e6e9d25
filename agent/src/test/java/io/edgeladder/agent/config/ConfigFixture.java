package io.edgeladder.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real model card (and a placeholder ONNX file) in a folder, and a valid YAML that points at it. */
final class ConfigFixture {
  static final String VALID = """
      agent:
        id: gw-07
      broker:
        url: tcp://broker.local:1883
        keepAliveSeconds: 30
        resultQos: 0
      http:
        host: 127.0.0.1
        port: 9464
      inference:
        workers: 1
        queueCapacity: 64
        intraOpThreads: 1
        interOpThreads: 1
        spinning: false
        optimization: all
      pipelines:
        - name: pump-1
          topic: sensors/pump-1/vibration
          format: raw-f32le
          channels: [x, y, z]
          unit: m/s2
          sampleRateHz: 10000
          model: cards/model-card.json
          windowSize: 0
          hop: 0
          deadlineMs: 50
          maxPayloadBytes: 262144
      """;

  private ConfigFixture() {}

  /** Writes {@code cards/model-card.json} (3 channels, 10 kHz, window 1024, hop 512) and {@code cards/model.onnx}. */
  static Path writeCard(Path dir) {
    return writeCard(dir.resolve("cards"), "model-card.json", 512, true);
  }

  static Path writeCard(Path cardDir, String fileName, int hop, boolean withOnnx) {
    try {
      Files.createDirectories(cardDir);
      Path card = cardDir.resolve(fileName);
      Files.writeString(card, """
          {"name":"vibration-test","version":"1","file":"model.onnx","sha256":"00",
           "classes":["normal","imbalance"],
           "input":{"name":"input","shape":[1,3,1024],"layout":"NCW","channels":["x","y","z"],
                    "sampleRateHz":10000,"windowSize":1024,"hop":%d,
                    "normalization":{"mean":[0,0,0],"std":[1,1,1]}},
           "output":{"name":"logits","shape":[1,2],"kind":"logits"}}
          """.formatted(hop));
      if (withOnnx) Files.write(cardDir.resolve("model.onnx"), new byte[] {8, 1});
      return card;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the value of the first line {@code key: ...} (keeping its indent and any {@code - }). */
  static String with(String yaml, String key, String value) {
    Matcher m = Pattern.compile("(?m)^(\\s*(?:- )?)" + Pattern.quote(key) + ":.*$").matcher(yaml);
    assertThat(m.find()).as("key %s in the fixture", key).isTrue();
    return yaml.substring(0, m.start()) + m.group(1) + key + ": " + value + yaml.substring(m.end());
  }

  /** Inserts {@code line} (already indented) after the first line starting with {@code after}. */
  static String insertAfter(String yaml, String after, String line) {
    int at = yaml.indexOf(after);
    int eol = yaml.indexOf('\n', at);
    return yaml.substring(0, eol + 1) + line + "\n" + yaml.substring(eol + 1);
  }

  static List<String> problems(String yaml, Path dir, Map<String, String> env) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, dir, env));
    assertThat(e).as("expected a ConfigException").isNotNull();
    return e.problems();
  }

  static List<String> problems(String yaml, Path dir) {
    return problems(yaml, dir, Map.of());
  }
}
