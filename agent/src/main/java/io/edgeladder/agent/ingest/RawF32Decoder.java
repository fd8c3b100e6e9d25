package io.edgeladder.agent.ingest;

/** {@link PayloadFormat#RAW_F32LE}: little-endian IEEE-754 float32, frames interleaved. */
final class RawF32Decoder implements PayloadDecoder {
  private final int channels;
  private final int maxFrames;

  RawF32Decoder(int channels, int maxFrames) {
    this.channels = channels;
    this.maxFrames = maxFrames;
  }

  @Override
  public int decode(byte[] payload, float[] frames) throws DecodeException {
    int frameBytes = 4 * channels;
    if (payload.length == 0 || payload.length % frameBytes != 0) {
      throw new DecodeException(DecodeError.WRONG_LENGTH, "raw float32 payload: " + payload.length
          + " bytes is not a positive multiple of " + frameBytes + " (4 bytes x " + channels + " channels)");
    }
    int count = payload.length / frameBytes;
    if (count > maxFrames) {
      throw new DecodeException(DecodeError.OVERSIZED,
          "raw float32 payload: " + count + " frames but at most " + maxFrames + " are accepted");
    }
    int values = count * channels;
    Checks.scratch(frames, maxFrames * channels);
    for (int i = 0, p = 0; i < values; i++, p += 4) {
      int bits = payload[p] & 0xff | (payload[p + 1] & 0xff) << 8 | (payload[p + 2] & 0xff) << 16
          | payload[p + 3] << 24;
      float v = Float.intBitsToFloat(bits);
      if (!Float.isFinite(v)) {
        throw Checks.nonFinite("raw float32", i, v);
      }
      frames[i] = v;
    }
    return count;
  }
}
