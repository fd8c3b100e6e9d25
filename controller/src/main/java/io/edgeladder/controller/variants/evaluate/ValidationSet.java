package io.edgeladder.controller.variants.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeladder.protocol.ModelCard;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A labelled validation set ({@code windows.f32}, {@code labels.u8}, {@code meta.json}; see
 * {@code models/README.md}): N windows of {@code channels × windowSize} float32, channel-first.
 *
 * <p>{@link #load(Path)} gives raw values (m/s²); {@link #normalize(ModelCard.Input)} gives the values a
 * model sees. Immutable: windows handed out are copies.
 */
public final class ValidationSet {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final float[][] windows;
  private final int[] labels;
  private final List<String> classes;
  private final int channels;
  private final int windowSize;
  private final boolean normalized;

  private ValidationSet(float[][] windows, int[] labels, List<String> classes, int channels, int windowSize,
      boolean normalized) {
    this.windows = windows;
    this.labels = labels;
    this.classes = List.copyOf(classes);
    this.channels = channels;
    this.windowSize = windowSize;
    this.normalized = normalized;
  }

  /**
   * Reads a validation set folder (raw values).
   *
   * @throws IOException when a file is missing, or sizes and labels disagree with {@code meta.json}
   *     (the message names the folder and the mismatch)
   */
  public static ValidationSet load(Path dir) throws IOException {
    JsonNode meta = JSON.readTree(Files.readAllBytes(dir.resolve("meta.json")));
    int count = meta.path("count").asInt(-1);
    int windowSize = meta.path("windowSize").asInt(-1);
    List<String> classes = new ArrayList<>();
    meta.path("classes").forEach(c -> classes.add(c.asText()));
    int channels = meta.path("channels").size();
    if (count <= 0 || windowSize <= 0 || channels <= 0 || classes.isEmpty()) {
      throw new IOException("validation set " + dir + ": meta.json needs count, windowSize, channels, classes"
          + " but had count=" + count + " windowSize=" + windowSize + " channels=" + channels
          + " classes=" + classes.size());
    }
    byte[] raw = Files.readAllBytes(dir.resolve("windows.f32"));
    long expected = (long) count * channels * windowSize * Float.BYTES;
    if (raw.length != expected) {
      throw new IOException("validation set " + dir + ": windows.f32 must be " + expected + " bytes ("
          + count + " x " + channels + " x " + windowSize + " float32) but was " + raw.length);
    }
    byte[] labelBytes = Files.readAllBytes(dir.resolve("labels.u8"));
    if (labelBytes.length != count) {
      throw new IOException("validation set " + dir + ": labels.u8 must hold " + count + " labels but held "
          + labelBytes.length);
    }
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = labelBytes[i] & 0xff;
      if (labels[i] >= classes.size()) {
        throw new IOException("validation set " + dir + ": label " + i + " must be < " + classes.size()
            + " but was " + labels[i]);
      }
    }
    var floats = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    float[][] windows = new float[count][channels * windowSize];
    for (float[] w : windows) floats.get(w);
    return new ValidationSet(windows, labels, classes, channels, windowSize, false);
  }

  /** Loads {@code dir} and normalises it for the model described by {@code card}. */
  public static ValidationSet load(Path dir, ModelCard card) throws IOException {
    return load(dir).normalize(card.input());
  }

  /**
   * This set with every channel mapped to {@code (x - mean) / std}.
   *
   * @throws IllegalArgumentException when the card's channels or window size differ from the set's,
   *     or the set is already normalised
   */
  public ValidationSet normalize(ModelCard.Input input) {
    if (normalized) throw new IllegalArgumentException("validation set is already normalised");
    if (input.channels().size() != channels || input.windowSize() != windowSize) {
      throw new IllegalArgumentException("validation set has " + channels + " channels x " + windowSize
          + " samples but the model card input wants " + input.channels().size() + " x " + input.windowSize());
    }
    ModelCard.Normalization n = input.normalization();
    if (n == null || n.mean() == null || n.std() == null || n.mean().length != channels || n.std().length != channels) {
      throw new IllegalArgumentException("model card input.normalization must hold " + channels
          + " means and stds");
    }
    float[][] out = new float[windows.length][];
    for (int i = 0; i < windows.length; i++) {
      float[] w = windows[i].clone();
      for (int c = 0; c < channels; c++) {
        float mean = n.mean()[c];
        float std = n.std()[c];
        if (!(std > 0)) throw new IllegalArgumentException("model card normalization.std[" + c + "] must be > 0 but was " + std);
        for (int s = c * windowSize, end = s + windowSize; s < end; s++) w[s] = (w[s] - mean) / std;
      }
      out[i] = w;
    }
    return new ValidationSet(out, labels, classes, channels, windowSize, true);
  }

  /**
   * {@code n} distinct windows for calibration, normalised and flattened in the model's NCW order
   * ({@code [1, channels, windowSize]}). {@code seed < 0} takes the first {@code n} windows; otherwise a
   * seeded shuffle picks them, the same for the same seed.
   *
   * @throws IllegalStateException when the set is not normalised
   * @throws IllegalArgumentException when {@code n} is not in {@code [1, size()]}
   */
  public float[][] calibrationInputs(int n, long seed) {
    if (!normalized) {
      throw new IllegalStateException("validation set: calibrationInputs needs a normalised set; call normalize(card) first");
    }
    if (n <= 0 || n > windows.length) {
      throw new IllegalArgumentException("calibration window count must be in [1, " + windows.length + "] but was " + n);
    }
    int[] order = new int[windows.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    if (seed >= 0) {
      Random random = new Random(seed);
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) out[i] = windows[order[i]].clone();
    return out;
  }

  /** Window {@code i} (a copy), flattened channel-first. */
  public float[] window(int i) {
    return windows[i].clone();
  }

  /** Window {@code i} without copying; callers in this package only read it. */
  float[] windowView(int i) {
    return windows[i];
  }

  public int label(int i) {
    return labels[i];
  }

  public int size() {
    return windows.length;
  }

  public List<String> classes() {
    return classes;
  }

  public int channels() {
    return channels;
  }

  public int windowSize() {
    return windowSize;
  }

  public boolean normalized() {
    return normalized;
  }

  /** The model input shape for one window: {@code [1, channels, windowSize]}. */
  public long[] inputShape() {
    return new long[] {1, channels, windowSize};
  }
}
