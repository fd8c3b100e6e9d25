package io.edgeladder.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The OCI image-spec v1.1 documents: image config, image manifest, image index. Keys sorted: same input, same digest. */
final class OciJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private OciJson() {
  }

  static byte[] config(AppImage app, Platform platform, List<Blob> layers, Map<String, String> labels)
      throws IOException {
    // ORT_DISABLE_TELEMETRY: ONNX Runtime 1.29 starts HTTPS telemetry on Linux, and in this rootfs its start
    // crashes the JVM (SIGSEGV in fclose, OrtEnvironment.createHandle); gateways send nothing to third parties.
    List<String> env = new ArrayList<>(List.of("PATH=" + AppImage.JAVA_HOME + "/bin:/usr/bin:/bin",
        "JAVA_HOME=" + AppImage.JAVA_HOME, "LANG=C.UTF-8", "ORT_DISABLE_TELEMETRY=1"));
    app.env().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> env.add(e.getKey() + "=" + e.getValue()));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("User", AppImage.UID + ":" + AppImage.UID);
    config.put("ExposedPorts", Map.of(app.port() + "/tcp", Map.of()));
    config.put("Env", env);
    config.put("Entrypoint", app.entrypoint());
    config.put("Cmd", app.cmd());
    config.put("WorkingDir", "/var/lib/edgeladder");
    config.put("Labels", labels);
    config.put("StopSignal", "SIGTERM");
    return JSON.writeValueAsBytes(Map.of(
        "architecture", platform.ociArch(),
        "os", "linux",
        "config", config,
        "rootfs", Map.of("type", "layers", "diff_ids", layers.stream().map(Blob::diffId).toList())));
  }

  static byte[] manifest(Blob config, List<Blob> layers) throws IOException {
    return JSON.writeValueAsBytes(Map.of(
        "schemaVersion", 2,
        "mediaType", Blob.MANIFEST,
        "config", descriptor(config),
        "layers", layers.stream().map(OciJson::descriptor).toList()));
  }

  static byte[] index(List<Blob> manifests, List<Platform> platforms, Map<String, String> annotations)
      throws IOException {
    List<Object> entries = new ArrayList<>();
    for (int i = 0; i < manifests.size(); i++) {
      Map<String, Object> d = descriptor(manifests.get(i));
      d.put("platform", Map.of("architecture", platforms.get(i).ociArch(), "os", "linux"));
      entries.add(d);
    }
    return JSON.writeValueAsBytes(Map.of("schemaVersion", 2, "mediaType", Blob.INDEX, "manifests", entries,
        "annotations", annotations));
  }

  /** The layout's index.json: one entry, the image index, named by {@code annotations}. */
  static byte[] layoutIndex(Blob index, Map<String, String> annotations) throws IOException {
    Map<String, Object> d = descriptor(index);
    d.put("annotations", annotations);
    return JSON.writeValueAsBytes(Map.of("schemaVersion", 2, "mediaType", Blob.INDEX, "manifests", List.of(d)));
  }

  static Map<String, Object> descriptor(Blob blob) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("mediaType", blob.mediaType());
    d.put("digest", blob.digest());
    d.put("size", blob.size());
    return d;
  }
}
