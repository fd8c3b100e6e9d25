package io.edgeladder.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** An OCI archive unpacked with tar, read back descriptor by descriptor; every blob read is checked. */
final class OciLayout {
  private static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;

  private OciLayout(Path dir) {
    this.dir = dir;
  }

  static OciLayout unpack(Path archive, Path dir) throws Exception {
    Files.createDirectories(dir);
    Tools.run(List.of("tar", "-xf", archive.toString(), "-C", dir.toString()));
    return new OciLayout(dir);
  }

  JsonNode layoutIndex() throws IOException {
    return JSON.readTree(dir.resolve("index.json").toFile());
  }

  /** The blob named by {@code descriptor}, after checking its size and sha256 against the descriptor. */
  Path blob(JsonNode descriptor) throws Exception {
    String digest = descriptor.get("digest").asText();
    assertThat(digest).startsWith("sha256:");
    Path file = dir.resolve("blobs/sha256").resolve(digest.substring(7));
    assertThat(file).as("blob %s", digest).isRegularFile();
    assertThat(Files.size(file)).as("size of %s", digest).isEqualTo(descriptor.get("size").asLong());
    try (InputStream in = Files.newInputStream(file)) {
      assertThat(sha256(in)).as("content of %s", digest).isEqualTo(digest);
    }
    return file;
  }

  JsonNode json(JsonNode descriptor) throws Exception {
    return JSON.readTree(blob(descriptor).toFile());
  }

  /** The digest of a layer's uncompressed tar: its diff id. */
  static String diffId(Path layer) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(layer), 1 << 16)) {
      return sha256(in);
    }
  }

  /** The image index's manifest for {@code arch}. */
  JsonNode manifestDescriptor(JsonNode index, String arch) {
    for (JsonNode m : index.get("manifests")) {
      if (m.path("platform").path("architecture").asText().equals(arch)) {
        return m;
      }
    }
    throw new AssertionError("no " + arch + " manifest in " + index);
  }

  /** Unpacks the layers of {@code manifest} in order into {@code root}, owners kept (needs root). */
  void unpackLayers(JsonNode manifest, Path root) throws Exception {
    Files.createDirectories(root);
    for (JsonNode layer : manifest.get("layers")) {
      Tools.run(List.of("tar", "--numeric-owner", "-xzf", blob(layer).toString(), "-C", root.toString()));
    }
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String sha256(InputStream in) throws IOException {
    MessageDigest md = BlobStore.sha256();
    byte[] buf = new byte[1 << 16];
    for (int n; (n = in.read(buf)) > 0; ) {
      md.update(buf, 0, n);
    }
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }
}
