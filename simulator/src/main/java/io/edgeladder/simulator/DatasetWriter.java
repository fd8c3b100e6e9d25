package io.edgeladder.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a balanced, labelled data set of windows to a folder:
 *
 * <ul>
 *   <li>{@code windows.f32}: N x 3 x L float32 little-endian, channel-first per window (all x, then all
 *       y, then all z), raw m/s², not normalised;
 *   <li>{@code labels.u8}: N bytes, the {@link Condition#index() class index} of each window;
 *   <li>{@code meta.json}: count, channels, windowSize, sampleRateHz, classes, seed, shaftHz range, ...
 * </ul>
 *
 * <p>Window {@code i} has class {@code i % 5}, so any prefix is nearly balanced. Each class is cut from
 * its own continuous segments: every segment picks a machine instance, a shaft speed, a noise level and
 * fresh condition severity, lets the speed wander slightly, and yields {@code windowsPerSegment}
 * consecutive windows. The same spec always writes byte-identical files.
 */
public final class DatasetWriter {
  public static final String WINDOWS_FILE = "windows.f32";
  public static final String LABELS_FILE = "labels.u8";
  public static final String META_FILE = "meta.json";
  private static final int CLASSES = Condition.values().length;

  private final DatasetSpec spec;

  public DatasetWriter(DatasetSpec spec) {
    this.spec = spec;
  }

  /**
   * Writes the three files into {@code dir}, creating it if needed and replacing existing files.
   *
   * @throws IOException when a file cannot be written
   */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    SplittableRandom root = new SplittableRandom(spec.seed());
    List<MachineProfile> machines = new ArrayList<>();
    for (int i = 0; i < spec.machines(); i++) {
      machines.add(MachineProfile.random(root));
    }
    ClassStream[] streams = new ClassStream[CLASSES];
    for (int c = 0; c < CLASSES; c++) {
      streams[c] = new ClassStream(Condition.ofIndex(c), machines, root.split());
    }
    int length = spec.windowSize();
    float[] frames = new float[3 * length];
    ByteBuffer window = ByteBuffer.allocate(3 * length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    byte[] labels = new byte[spec.count()];
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(WINDOWS_FILE)), 1 << 20)) {
      for (int i = 0; i < spec.count(); i++) {
        int c = i % CLASSES;
        streams[c].nextWindow(frames);
        window.clear();
        for (int axis = 0; axis < 3; axis++) {
          for (int f = 0; f < length; f++) {
            window.putFloat(frames[3 * f + axis]);
          }
        }
        out.write(window.array(), 0, window.position());
        labels[i] = (byte) c;
      }
    }
    Files.write(dir.resolve(LABELS_FILE), labels);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(dir.resolve(META_FILE).toFile(), meta());
  }

  private Map<String, Object> meta() {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("count", spec.count());
    meta.put("channels", List.of("x", "y", "z"));
    meta.put("windowSize", spec.windowSize());
    double rate = spec.sampleRateHz();
    meta.put("sampleRateHz", rate == Math.rint(rate) ? (Object) (long) rate : (Object) rate);
    List<String> classes = new ArrayList<>();
    for (Condition c : Condition.values()) {
      classes.add(c.label());
    }
    meta.put("classes", classes);
    meta.put("seed", spec.seed());
    meta.put("shaftHz", List.of(spec.minShaftHz(), spec.maxShaftHz()));
    meta.put("noise", List.of(spec.minNoise(), spec.maxNoise()));
    meta.put("machines", spec.machines());
    meta.put("windowsPerClass", spec.windowsPerClass());
    meta.put("windowsPerSegment", spec.windowsPerSegment());
    meta.put("layout", "NCW");
    meta.put("dtype", "float32le");
    meta.put("unit", "m/s2");
    meta.put("labelOrder", "window i has class i % " + CLASSES);
    return meta;
  }

  /** Continuous segments of one condition. */
  private final class ClassStream {
    private final Condition condition;
    private final List<MachineProfile> machines;
    private final SplittableRandom rng;
    private VibrationSource source;
    private int left;

    ClassStream(Condition condition, List<MachineProfile> machines, SplittableRandom rng) {
      this.condition = condition;
      this.machines = machines;
      this.rng = rng;
    }

    void nextWindow(float[] frames) {
      if (left == 0) {
        startSegment(frames);
      }
      source.next(frames, spec.windowSize());
      left--;
    }

    private void startSegment(float[] scratch) {
      MachineProfile machine = machines.get(rng.nextInt(machines.size()));
      double shaft = rng.nextDouble(spec.minShaftHz(), Math.nextUp(spec.maxShaftHz()));
      source = new VibrationSource(machine, rng.nextLong(), spec.sampleRateHz())
          .condition(condition)
          .shaftHz(shaft)
          .noise(rng.nextDouble(spec.minNoise(), Math.nextUp(spec.maxNoise())))
          .speedWalk(0.02 * shaft, spec.minShaftHz(), spec.maxShaftHz());
      // A random lead-in so windows do not all start at shaft angle zero.
      source.next(scratch, rng.nextInt(spec.windowSize()));
      left = spec.windowsPerSegment();
    }
  }
}
