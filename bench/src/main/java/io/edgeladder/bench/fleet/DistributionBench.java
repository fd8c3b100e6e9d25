package io.edgeladder.bench.fleet;

import io.edgeladder.controller.app.Controller;
import io.edgeladder.controller.distribution.PublishReport;
import io.edgeladder.protocol.dist.Artifact;
import io.edgeladder.protocol.dist.Chunker;
import io.edgeladder.protocol.dist.KeyFiles;
import io.edgeladder.protocol.dist.Verifier;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Time for the ladder to reach N agents, ours (a real {@link Controller}'s {@code ReleasePublisher} to
 * {@link SimAgent}s) beside the raw reference ({@link RawReference}) in the same run, on the same broker. Every
 * agent/subscriber is connected and subscribed before the clock starts. Single-threaded use.
 */
final class DistributionBench {
  private static final long WAIT_S = 300;
  private final String url;
  private final Controller controller;
  private final Verifier verifier;
  private final Path ladder;
  private final Path work;
  private final int window;
  private final List<byte[]> rawChunks = new ArrayList<>();
  private final long ladderBytes;

  DistributionBench(String url, Controller controller, Path publicKey, Path ladder, Path work, int chunkSize,
      int window) throws IOException {
    this.url = url;
    this.controller = controller;
    this.verifier = Verifier.of(KeyFiles.readPublic(publicKey));
    this.ladder = ladder;
    this.work = work;
    this.window = window;
    long bytes = 0;
    Chunker chunker = Chunker.of(chunkSize);
    for (VariantEntry v : LadderManifest.read(ladder.resolve("ladder.json")).accepted()) {
      Path f = ladder.resolve(v.file());
      Artifact a = chunker.describe(v.id(), f);
      for (int i = 0; i < a.chunkCount(); i++) rawChunks.add(Chunker.read(f, a, i));
      bytes += a.size();
    }
    this.ladderBytes = bytes;
  }

  long ladderBytes() {
    return ladderBytes;
  }

  DistributionCase run(int agents, int rep) throws Exception {
    boolean oursFirst = rep % 2 == 0; // alternate the order so drift in the machine's load hits both alike
    double[] ours = null;
    double[] raw = null;
    if (!oursFirst) raw = raw(agents, rep);
    ours = ours(agents, rep);
    if (oursFirst) raw = raw(agents, rep);
    return new DistributionCase(agents, rep, ladderBytes, rawChunks.size(), ours[0], pcts(ours, 3), ours[1], raw[0],
        pcts(raw, 2), (int) ours[2]);
  }

  /** [total ms, publish ms, rejected chunks, per-agent ms...]. */
  private double[] ours(int agents, int rep) throws Exception {
    Path root = Files.createDirectories(work.resolve("ours-" + agents + "-" + rep));
    List<SimAgent> sims = new ArrayList<>();
    try {
      for (int i = 0; i < agents; i++) {
        sims.add(SimAgent.start(url, "sim-" + agents + "-" + rep + "-" + i, verifier, root.resolve("agent-" + i)));
      }
      long t0 = System.nanoTime();
      PublishReport report = controller.publisher().publish(ladder, true, p -> { });
      double publishMs = (System.nanoTime() - t0) / 1e6;
      double[] out = new double[3 + agents];
      out[1] = publishMs;
      long last = t0;
      for (int i = 0; i < agents; i++) {
        long done = sims.get(i).done().get(WAIT_S, TimeUnit.SECONDS);
        out[3 + i] = (done - t0) / 1e6;
        out[2] += sims.get(i).rejectedChunks();
        last = Math.max(last, done);
      }
      out[0] = (last - t0) / 1e6;
      for (SimAgent s : sims) s.close();
      sims.clear();
      controller.publisher().retire(report.releaseSha()); // the next case's agents must not find it retained
      return out;
    } finally {
      sims.forEach(SimAgent::close);
      delete(root);
    }
  }

  /** [total ms, publish ms, per-subscriber ms...]. */
  private double[] raw(int agents, int rep) throws Exception {
    String prefix = "rawbench/" + agents + "-" + rep;
    List<RawReference.Subscriber> subs = new ArrayList<>();
    try (Mqtt5 publisher = Mqtt5.connect(url, "raw-pub-" + agents + "-" + rep, (t, p) -> { })) {
      for (int i = 0; i < agents; i++) {
        subs.add(new RawReference.Subscriber(ladderBytes, rawChunks.size())
            .start(url, "raw-sub-" + agents + "-" + rep + "-" + i, prefix + "/+"));
      }
      long t0 = System.nanoTime();
      RawReference.publish(publisher, prefix, rawChunks, window, true);
      double[] out = new double[2 + agents];
      out[1] = (System.nanoTime() - t0) / 1e6;
      long last = t0;
      for (int i = 0; i < agents; i++) {
        long done = subs.get(i).done().get(WAIT_S, TimeUnit.SECONDS);
        out[2 + i] = (done - t0) / 1e6;
        last = Math.max(last, done);
      }
      out[0] = (last - t0) / 1e6;
      subs.forEach(RawReference.Subscriber::close);
      subs.clear();
      List<byte[]> empty = new ArrayList<>();
      for (int i = 0; i < rawChunks.size(); i++) empty.add(new byte[0]);
      RawReference.publish(publisher, prefix, empty, window, true); // clear the retained copies
      return out;
    } finally {
      subs.forEach(RawReference.Subscriber::close);
    }
  }

  private static Pcts pcts(double[] values, int from) {
    List<Double> v = new ArrayList<>();
    for (int i = from; i < values.length; i++) v.add(values[i]);
    return Pcts.ofMillis(v);
  }

  static void delete(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
