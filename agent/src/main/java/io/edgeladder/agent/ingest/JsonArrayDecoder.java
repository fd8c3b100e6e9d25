package io.edgeladder.agent.ingest;

/**
 * {@link PayloadFormat#JSON}: a flat interleaved number array {@code [x0,y0,z0,x1,...]} or an array of
 * frames {@code [[x0,y0,z0],[x1,y1,z1],...]}; the first element decides which, and mixing is
 * malformed. Empty payloads are malformed; {@code []} is {@link DecodeError#WRONG_LENGTH}.
 */
final class JsonArrayDecoder implements PayloadDecoder {
  private static final String FORMAT = "JSON";

  private final int channels;
  private final int maxFrames;
  private final int capacity;
  private final JsonScanner in = new JsonScanner(FORMAT);

  JsonArrayDecoder(int channels, int maxFrames) {
    this.channels = channels;
    this.maxFrames = maxFrames;
    this.capacity = maxFrames * channels;
  }

  @Override
  public int decode(byte[] payload, float[] frames) throws DecodeException {
    Checks.scratch(frames, capacity);
    in.reset(payload);
    in.skipWs();
    in.expect('[');
    in.skipWs();
    int c = in.peek();
    if (c == ']') {
      in.expect(']');
      in.expectEnd();
      throw new DecodeException(DecodeError.WRONG_LENGTH, "JSON payload: empty array");
    }
    int count = c == '[' ? frameArrays(frames) : flat(frames);
    in.expectEnd();
    return count;
  }

  private int flat(float[] frames) throws DecodeException {
    int n = 0;
    while (true) {
      in.skipWs();
      if (n == capacity) {
        throw Checks.oversized(FORMAT, maxFrames);
      }
      frames[n] = value(n);
      n++;
      in.skipWs();
      if (in.peek() == ',') {
        in.expect(',');
      } else {
        in.expect(']');
        break;
      }
    }
    if (n % channels != 0) {
      throw new DecodeException(DecodeError.WRONG_LENGTH, "JSON payload: " + n
          + " values is not a multiple of " + channels + " channels");
    }
    return n / channels;
  }

  private int frameArrays(float[] frames) throws DecodeException {
    int frame = 0;
    while (true) {
      if (frame == maxFrames) {
        throw Checks.oversized(FORMAT, maxFrames);
      }
      in.skipWs();
      in.expect('[');
      in.skipWs();
      int k = 0;
      if (in.peek() == ']') {
        in.expect(']');
      } else {
        while (true) {
          in.skipWs();
          if (k == channels) {
            throw wrongFrame(frame, "more than " + channels);
          }
          int index = frame * channels + k;
          frames[index] = value(index);
          k++;
          in.skipWs();
          if (in.peek() == ',') {
            in.expect(',');
          } else {
            in.expect(']');
            break;
          }
        }
      }
      if (k != channels) {
        throw wrongFrame(frame, String.valueOf(k));
      }
      frame++;
      in.skipWs();
      if (in.peek() == ',') {
        in.expect(',');
      } else {
        in.expect(']');
        return frame;
      }
    }
  }

  private float value(int index) throws DecodeException {
    double d = in.number();
    float v = (float) d;
    if (!Float.isFinite(v)) {
      throw Checks.nonFinite(FORMAT, index, d);
    }
    return v;
  }

  private DecodeException wrongFrame(int frame, String values) {
    return new DecodeException(DecodeError.WRONG_LENGTH,
        "JSON payload: frame " + frame + " has " + values + " values but the pipeline has " + channels + " channels");
  }
}
