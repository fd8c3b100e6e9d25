package io.edgeladder.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One application image: the app's build output ({@code target/NAME.jar} + {@code target/lib/}) under
 * {@code /opt/edgeladder/NAME}, its default config at {@code /etc/edgeladder/NAME.yaml}, run as uid 10001.
 *
 * @param name agent | controller: the image is {@code edgeladder/NAME:VERSION}
 * @param target the module's target folder holding {@code edgeladder-NAME.jar} and {@code lib/}
 * @param config the default config baked into the image
 * @param cmd arguments after the entrypoint
 * @param port the HTTP port exposed
 * @param env variables beyond PATH, JAVA_HOME and LANG
 * @param extraFiles image path → source file (models)
 * @param ownedDirs folders owned by the app's user (state)
 */
public record AppImage(String name, Path target, Path config, List<String> cmd, int port, Map<String, String> env,
    Map<String, Path> extraFiles, List<String> ownedDirs, String description) {
  public static final int UID = 10001;
  public static final String JAVA_HOME = "/opt/java/openjdk";
  /** README "JVM flags" (also deploy/systemd/edgeladder-agent.service). */
  public static final String AGENT_JVM_FLAGS = "-XX:+UseSerialGC -Xms32m -Xmx64m -XX:TieredStopAtLevel=1"
      + " -XX:ReservedCodeCacheSize=24m -XX:MaxMetaspaceSize=64m -Xss512k -XX:MaxDirectMemorySize=32m"
      + " -Dio.netty.allocator.type=unpooled";

  public String home() {
    return "/opt/edgeladder/" + name;
  }

  public String jar() {
    return "edgeladder-" + name + ".jar";
  }

  public String configPath() {
    return "/etc/edgeladder/" + name + ".yaml";
  }

  public List<String> entrypoint() {
    return List.of(JAVA_HOME + "/bin/java", "-Donnxruntime.native.path=" + home() + "/native", "-jar",
        home() + "/" + jar());
  }

  /** The agent and the controller, from the repository at {@code repo}. */
  public static List<AppImage> all(Path repo) {
    Path images = repo.resolve("deploy/image/src/main/image");
    Path model = repo.resolve("models/vibration-cnn");
    AppImage agent = new AppImage("agent", repo.resolve("agent/target"), images.resolve("agent.yaml"),
        List.of("--config", "/etc/edgeladder/agent.yaml"), 9464, Map.of("JAVA_TOOL_OPTIONS", AGENT_JVM_FLAGS),
        Map.of("/opt/edgeladder/agent/models/vibration-cnn/model-card.json", model.resolve("model-card.json"),
            "/opt/edgeladder/agent/models/vibration-cnn/model.onnx", model.resolve("model.onnx")),
        List.of("/var/lib/edgeladder/spool"), "EdgeLadder gateway agent: MQTT sensor windows, ONNX inference");
    AppImage controller = new AppImage("controller", repo.resolve("controller/target"),
        images.resolve("controller.yaml"), List.of("serve", "--config", "/etc/edgeladder/controller.yaml"), 8080,
        Map.of(), Map.of(), List.of("/var/lib/edgeladder/controller"),
        "EdgeLadder fleet controller: registry, variant ladders, rollouts, REST API");
    return List.of(agent, controller);
  }
}
