package io.edgeladder.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds {@code asyncapi.yaml} to the code: every topic {@link Topics} builds is a channel and every channel is
 * built by {@link Topics}; every message record's JSON fields are its schema's properties and vice versa.
 */
class AsyncApiDocumentTest {
  /** Topics methods that check levels instead of building topics. */
  private static final Set<String> VALIDATORS = Set.of("level", "levelProblem", "sha");
  /** Object schemas written by code outside this module (the agent's monitor), not checkable here. */
  private static final Set<String> UNCHECKED = Set.of("Telemetry");

  private static JsonNode doc;
  private static Map<Class<? extends Record>, byte[]> samples;

  @BeforeAll
  static void load(@TempDir Path dir) throws Exception {
    try (InputStream in = Topics.class.getResourceAsStream("/asyncapi.yaml")) {
      assertThat(in).as("asyncapi.yaml on the classpath").isNotNull();
      doc = new YAMLMapper().readTree(in);
    }
    samples = MessageSamples.all(dir);
  }

  @Test
  void document_asyncApi26WithEveryRefResolving() {
    assertThat(doc.path("asyncapi").asText()).isEqualTo("2.6.0");
    List<String> refs = doc.findValuesAsText("$ref");
    assertThat(refs).hasSizeGreaterThan(30);
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
    }
  }

  @Test
  void everyTopicsMethod_producesAChannelOfTheDocument() throws Exception {
    Set<String> produced = new TreeSet<>();
    for (String topic : topicsFromCode()) {
      String channel = channelOf(topic);
      assertThat(channel).as("channel for %s", topic).isNotNull();
      produced.add(channel);
    }
    assertThat(produced).as("channels built by Topics").containsExactlyInAnyOrderElementsOf(channels());
  }

  @Test
  void everyChannel_declaresExactlyItsParametersAndOneOperation() {
    for (String channel : channels()) {
      JsonNode c = doc.path("channels").path(channel);
      Set<String> inKey = new TreeSet<>();
      Matcher m = Pattern.compile("\\{(\\w+)}").matcher(channel);
      while (m.find()) inKey.add(m.group(1));
      assertThat(names(c.path("parameters"))).as(channel).isEqualTo(inKey);
      assertThat(c.has("publish") ^ c.has("subscribe")).as("%s has one operation", channel).isTrue();
    }
  }

  @Test
  void everyRecord_jsonFieldsEqualItsSchemaProperties() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (Map.Entry<Class<? extends Record>, byte[]> e : samples.entrySet()) {
      String name = e.getKey().getSimpleName();
      JsonNode schema = doc.path("components").path("schemas").path(name);
      assertThat(schema.isMissingNode()).as("schema %s", name).isFalse();
      Set<String> components = new TreeSet<>();
      for (RecordComponent rc : e.getKey().getRecordComponents()) components.add(rc.getName());
      Set<String> properties = names(schema.path("properties"));
      Set<String> written = names(json.readTree(e.getValue()));

      assertThat(properties).as("%s schema properties vs record components", name).isEqualTo(components);
      assertThat(written).as("%s JSON keys vs record components", name).isEqualTo(components);
      assertThat(texts(schema.path("required"))).as("%s required", name).isSubsetOf(properties);
    }
  }

  @Test
  void everyObjectSchema_isCheckedAgainstARecordOrListedAsUnchecked() {
    Set<String> checked = new TreeSet<>();
    samples.keySet().forEach(c -> checked.add(c.getSimpleName()));
    doc.path("components").path("schemas").fields().forEachRemaining(s -> {
      if (s.getValue().path("type").asText().equals("object")) {
        assertThat(checked.contains(s.getKey()) || UNCHECKED.contains(s.getKey())).as(s.getKey()).isTrue();
      }
    });
    assertThat(checked).hasSize(samples.size()).contains("AgentBirth", "Heartbeat", "DesiredState",
        "ReportedState", "SignedRelease", "Release", "Artifact", "InferenceResult", "AgentEvent");
  }

  private static Set<String> channels() {
    return names(doc.path("channels"));
  }

  /** The channel whose address the topic (or filter, with + and #) instantiates, or null. */
  private static String channelOf(String topic) {
    for (String channel : channels()) {
      if (instantiates(topic.split("/", -1), channel.split("/", -1))) return channel;
    }
    return null;
  }

  private static boolean instantiates(String[] topic, String[] channel) {
    for (int i = 0; i < topic.length; i++) {
      if (topic[i].equals("#")) return i == topic.length - 1 && i < channel.length;
      if (i >= channel.length) return false;
      boolean parameter = channel[i].matches("\\{\\w+}");
      if (parameter ? topic[i].isEmpty() || topic[i].equals("#") : !topic[i].equals(channel[i])) return false;
    }
    return topic.length == channel.length;
  }

  /**
   * Invokes every topic-building method of Topics with every combination of sample arguments (an agent id
   * and a sha for each String, every constant for an enum) and keeps what the method accepts.
   */
  private static List<String> topicsFromCode() throws Exception {
    List<String> topics = new ArrayList<>();
    int methods = 0;
    for (Method m : Topics.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(m.getModifiers()) || !Modifier.isStatic(m.getModifiers())
          || m.getReturnType() != String.class || VALIDATORS.contains(m.getName())) {
        continue;
      }
      methods++;
      List<String> built = new ArrayList<>();
      for (Object[] args : combinations(m.getParameterTypes(), 0)) {
        try {
          built.add((String) m.invoke(null, args));
        } catch (InvocationTargetException e) {
          if (!(e.getCause() instanceof IllegalArgumentException)) throw e;
        }
      }
      assertThat(built).as("topics built by %s", m.getName()).isNotEmpty();
      topics.addAll(built);
    }
    assertThat(methods).as("topic methods found").isGreaterThanOrEqualTo(20);
    return topics;
  }

  private static List<Object[]> combinations(Class<?>[] types, int from) {
    List<Object[]> out = new ArrayList<>();
    if (from == types.length) {
      out.add(new Object[types.length]);
      return out;
    }
    Object[] options;
    if (types[from] == String.class) options = new Object[] {"agent-7", "9".repeat(64)};
    else if (types[from] == int.class) options = new Object[] {3};
    else if (types[from].isEnum()) options = types[from].getEnumConstants();
    else throw new AssertionError("no sample for parameter type " + types[from]);
    for (Object[] rest : combinations(types, from + 1)) {
      for (Object o : options) {
        Object[] args = rest.clone();
        args[from] = o;
        out.add(args);
      }
    }
    return out;
  }

  private static Set<String> names(JsonNode node) {
    Set<String> out = new TreeSet<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> out = new TreeSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
