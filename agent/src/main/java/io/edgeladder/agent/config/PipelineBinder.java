package io.edgeladder.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeladder.agent.ingest.PayloadFormat;
import io.edgeladder.protocol.ModelCard;
import io.edgeladder.protocol.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Binds {@code pipelines:} and checks each against its model card. */
final class PipelineBinder {
  static final List<String> FORMATS = List.of("raw-f32le", "json", "senml");

  private final Path baseDir;
  private final Problems problems;
  private final Map<String, List<String>> ladderIds = new HashMap<>();

  PipelineBinder(Path baseDir, Problems problems) {
    this.baseDir = baseDir;
    this.problems = problems;
  }

  List<AgentConfig.Pipeline> bind(JsonNode list) {
    List<AgentConfig.Pipeline> out = new ArrayList<>();
    if (list == null || list.isMissingNode() || list.isNull()) {
      problems.at("pipelines", "is required (at least one pipeline)");
      return out;
    }
    if (!list.isArray()) {
      problems.at("pipelines", "must be a list but was " + Section.describe(list));
      return out;
    }
    if (list.isEmpty()) {
      problems.at("pipelines", "must have at least one pipeline");
    }
    Map<String, String> names = new HashMap<>();
    Map<String, String> topics = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String path = "pipelines[" + i + "]";
      AgentConfig.Pipeline p = bindOne(Section.open(list.get(i), path, Schema.PIPELINE, problems));
      if (p == null) continue;
      String firstName = names.putIfAbsent(p.name(), path);
      if (firstName != null) {
        problems.at(path + ".name", "'" + p.name() + "' is already used by " + firstName);
      }
      String firstTopic = topics.putIfAbsent(p.topic(), path);
      if (firstTopic != null) {
        problems.at(path + ".topic", "'" + p.topic() + "' is already used by " + firstTopic);
      }
      out.add(p);
    }
    return out;
  }

  /** Returns null when a problem was reported (the caller throws at the end anyway). */
  private AgentConfig.Pipeline bindOne(Section s) {
    int before = problemCount();
    String name = s.requiredString("name");
    if (name != null && Topics.levelProblem(name) != null) {
      problems.at(s.path("name"), Topics.levelProblem(name));
    }
    String topic = s.requiredString("topic");
    if (topic != null && topicFilterProblem(topic) != null) {
      problems.at(s.path("topic"), topicFilterProblem(topic));
    }
    String format = s.oneOf("format", "raw-f32le", FORMATS);
    int beforeChannels = problemCount();
    List<String> channels = s.requiredStringList("channels");
    boolean channelsValid = problemCount() == beforeChannels;
    String unit = s.string("unit", null);
    int sampleRateHz = s.integer("sampleRateHz", 0, 1, Integer.MAX_VALUE, true);
    int windowSize = s.integer("windowSize", 0, 0);
    int hop = s.integer("hop", 0, 0);
    int deadlineMs = s.integer("deadlineMs", 50, 1);
    // 268435455 is MQTT's largest packet; nothing bigger can arrive.
    int maxPayloadBytes = s.integer("maxPayloadBytes", 262144, 1, 268_435_455, false);
    String model = s.requiredString("model");
    Path card = model == null ? null : resolve(s.path("model"), model);
    if (card != null) {
      ModelCard mc = loadCard(s.path("model"), card);
      if (mc != null) {
        ModelCard.Input in = mc.input();
        String who = "model card " + mc.name();
        if (channelsValid && channels.size() != in.channels().size()) {
          problems.at(s.path("channels"), "has " + channels.size() + " entries " + channels + " but " + who
              + " expects " + in.channels().size() + " " + in.channels());
        }
        if (sampleRateHz > 0 && sampleRateHz != in.sampleRateHz()) {
          problems.at(s.path("sampleRateHz"), "must equal " + who + "'s input.sampleRateHz "
              + in.sampleRateHz() + " but was " + sampleRateHz);
        }
        if (windowSize == 0) {
          windowSize = in.windowSize();
        } else if (windowSize != in.windowSize()) {
          problems.at(s.path("windowSize"), "must be 0 or equal " + who + "'s input.windowSize "
              + in.windowSize() + " but was " + windowSize);
        }
        if (hop == 0) {
          hop = in.hop();
          if (hop <= 0) problems.at(s.path("hop"), "must be set: " + who + " has no input.hop");
        }
      }
    }
    String ladderText = s.string("ladder", null);
    Path ladder = ladderText == null ? null : resolve(s.path("ladder"), ladderText);
    if (ladder != null) ladderIds.put(name, LadderCheck.ids(s.path("ladder"), ladder, problems));
    if (problemCount() != before) return null;
    return new AgentConfig.Pipeline(name, topic, PayloadFormat.valueOf(format.replace('-', '_')
        .toUpperCase(Locale.ROOT)), channels, unit, sampleRateHz, card, windowSize, hop, deadlineMs,
        maxPayloadBytes, ladder);
  }

  /** Accepted variant ids of each pipeline's ladder, by pipeline name (after {@link #bind}). */
  Map<String, List<String>> ladderIds() {
    return ladderIds;
  }

  private Path resolve(String path, String model) {
    try {
      return baseDir.resolve(model).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      problems.at(path, "is not a valid path: '" + model + "'");
      return null;
    }
  }

  private ModelCard loadCard(String path, Path card) {
    if (!Files.isRegularFile(card)) {
      problems.at(path, "points to a missing file: " + card);
      return null;
    }
    try {
      ModelCard mc = ModelCard.load(card);
      Path onnx = mc.modelPath(card);
      if (!Files.isRegularFile(onnx)) {
        problems.at(path, "names ONNX file " + onnx + " which does not exist");
        return null;
      }
      return mc;
    } catch (IOException e) {
      problems.at(path, "is not a valid model card: " + e.getMessage());
      return null;
    }
  }

  /** Why {@code topic} is not a valid MQTT subscription filter, or null. */
  static String topicFilterProblem(String topic) {
    if (topic.indexOf('\0') >= 0) return "must not contain NUL";
    if (topic.length() > 65535) return "must be at most 65535 characters but was " + topic.length();
    String[] levels = topic.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
        return "may use '#' only as the whole last level but was '" + topic + "'";
      }
      if (level.contains("+") && !level.equals("+")) {
        return "may use '+' only as a whole level but was '" + topic + "'";
      }
    }
    return null;
  }

  private int problemCount() {
    return problems.size();
  }
}
