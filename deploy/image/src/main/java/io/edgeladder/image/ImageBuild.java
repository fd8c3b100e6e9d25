package io.edgeladder.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code edgeladder-agent-oci.tar} and {@code edgeladder-controller-oci.tar}: OCI image archives, each
 * an image index of linux/amd64 and linux/arm64. Layers per platform: base (glibc, libgcc, libstdc++, zlib,
 * passwd), jre (jlinked Java 17), native (ONNX Runtime); shared by both platforms: lib (jars), app (jar,
 * config, models).
 *
 * <p>{@code ImageBuild --repo=DIR --cache=DIR --out=DIR --version=V --source=URL} (deploy/image/pom.xml).
 */
public final class ImageBuild {
  static final List<Platform> PLATFORMS = List.of(Platform.AMD64, Platform.ARM64);

  private final Path repo;
  private final Path cache;
  private final Path out;
  private final String version;
  private final String source;
  private final BlobStore blobs;
  private final DebianPackages debs;
  private final Map<Platform, List<Blob>> runtimeLayers = new HashMap<>();

  ImageBuild(Path repo, Path cache, Path out, String version, String source) throws IOException {
    this.repo = repo;
    this.cache = cache;
    this.out = out;
    this.version = version;
    this.source = source;
    this.blobs = new BlobStore(out.resolve("oci-blobs"));
    this.debs = new DebianPackages(cache);
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> opts = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("ImageBuild arguments are --name=value, but got '" + arg + "'");
      }
      opts.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    for (String required : List.of("repo", "cache", "out", "version", "source")) {
      if (!opts.containsKey(required)) {
        throw new IllegalArgumentException("ImageBuild needs --" + required + "=...");
      }
    }
    ImageBuild build = new ImageBuild(Path.of(opts.get("repo")).toAbsolutePath().normalize(),
        Path.of(opts.get("cache")), Path.of(opts.get("out")), opts.get("version"), opts.get("source"));
    for (AppImage app : AppImage.all(build.repo)) {
      long start = System.nanoTime();
      Path archive = build.build(app);
      System.out.printf("%s: %d MB in %.1f s%n", archive, Files.size(archive) >> 20,
          (System.nanoTime() - start) / 1e9);
    }
  }

  /** Builds {@code OUT/edgeladder-NAME-oci.tar}. */
  Path build(AppImage app) throws IOException {
    Path jar = app.target().resolve(app.jar());
    if (!Files.isRegularFile(jar)) {
      throw new IOException("no " + jar + ": build the " + app.name() + " module first (mvn -pl deploy/image -am package)");
    }
    Path ortJar = ortJar(app);
    List<Blob> shared = List.of(libLayer(app, ortJar), appLayer(app));
    List<Blob> manifests = new ArrayList<>();
    List<Blob> all = new ArrayList<>();
    for (Platform platform : PLATFORMS) {
      List<Blob> layers = new ArrayList<>(runtimeLayers(platform));
      layers.add(new LayerBuilder().tree(app.home().substring(1) + "/native",
          OrtJar.natives(ortJar, platform, out.resolve("ort-native").resolve(platform.ociArch())), p -> true)
          .write(blobs));
      layers.addAll(shared);
      Blob config = blobs.json(Blob.CONFIG, OciJson.config(app, platform, layers, labels(app)));
      Blob manifest = blobs.json(Blob.MANIFEST, OciJson.manifest(config, layers));
      manifests.add(manifest);
      all.addAll(layers);
      all.add(config);
      all.add(manifest);
    }
    Blob index = blobs.json(Blob.INDEX, OciJson.index(manifests, PLATFORMS, labels(app)));
    all.add(index);
    String ref = "edgeladder/" + app.name() + ":" + version;
    Path archive = out.resolve("edgeladder-" + app.name() + "-oci.tar");
    OciArchive.write(archive, blobs, index, all, Map.of(
        "org.opencontainers.image.ref.name", ref, "io.containerd.image.name", "docker.io/" + ref));
    return archive;
  }

  private Map<String, String> labels(AppImage app) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("org.opencontainers.image.title", "edgeladder-" + app.name());
    labels.put("org.opencontainers.image.description", app.description());
    labels.put("org.opencontainers.image.version", version);
    labels.put("org.opencontainers.image.source", source);
    return labels;
  }

  /** base + jre for one platform, the same blobs for both apps. */
  private List<Blob> runtimeLayers(Platform platform) throws IOException {
    List<Blob> layers = runtimeLayers.get(platform);
    if (layers == null) {
      LayerBuilder base = new LayerBuilder();
      for (String pkg : DebianPackages.BASE) {
        // documentation dropped but for licences; gconv (iconv modules, 8 MB) is never used by the JVM
        base.tree("", debs.extracted(pkg, platform), rel -> (!rel.startsWith("usr/share") || rel.equals("usr/share/doc/" + pkg + "/copyright"))
            && !rel.contains("/gconv"));
      }
      base.bytes("etc/passwd", ("root:x:0:0:root:/root:/usr/sbin/nologin\nedgeladder:x:" + AppImage.UID + ":"
          + AppImage.UID + ":EdgeLadder:/var/lib/edgeladder:/usr/sbin/nologin\n").getBytes(StandardCharsets.UTF_8), 0644)
          .bytes("etc/group", ("root:x:0:\nedgeladder:x:" + AppImage.UID + ":\n").getBytes(StandardCharsets.UTF_8), 0644)
          .bytes("etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n".getBytes(StandardCharsets.UTF_8),
              0644)
          .dir("tmp", 01777, LayerBuilder.ROOT)
          .dir("etc/edgeladder", 0755, LayerBuilder.ROOT)
          .dir("var/lib/edgeladder", 0750, AppImage.UID);
      Blob jre = new LayerBuilder().tree(AppImage.JAVA_HOME.substring(1), JavaRuntime.linked(cache, debs, platform),
          rel -> true).write(blobs);
      layers = List.of(base.write(blobs), jre);
      runtimeLayers.put(platform, layers);
    }
    return layers;
  }

  private Blob libLayer(AppImage app, Path ortJar) throws IOException {
    LayerBuilder lib = new LayerBuilder();
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(app.target().resolve("lib"), "*.jar")) {
      for (Path jar : jars) {
        Path source = OrtJar.is(jar) ? OrtJar.withoutNatives(jar, out.resolve("ort-classes").resolve(jar.getFileName()))
            : jar;
        lib.file(app.home() + "/lib/" + jar.getFileName(), source, 0644);
      }
    }
    return lib.write(blobs);
  }

  private Blob appLayer(AppImage app) throws IOException {
    LayerBuilder layer = new LayerBuilder()
        .file(app.home() + "/" + app.jar(), app.target().resolve(app.jar()), 0644)
        .file(app.configPath(), app.config(), 0644);
    app.extraFiles().forEach((path, file) -> layer.file(path, file, 0644));
    // the base layer's state folder, repeated: a layer's folder entry replaces the one below it
    layer.dir("var/lib/edgeladder", 0750, AppImage.UID);
    app.ownedDirs().forEach(dir -> layer.dir(dir, 0750, AppImage.UID));
    return layer.write(blobs);
  }

  private static Path ortJar(AppImage app) throws IOException {
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(app.target().resolve("lib"), "onnxruntime-*.jar")) {
      for (Path jar : jars) {
        return jar;
      }
    }
    throw new IOException("no onnxruntime-*.jar in " + app.target().resolve("lib"));
  }
}
