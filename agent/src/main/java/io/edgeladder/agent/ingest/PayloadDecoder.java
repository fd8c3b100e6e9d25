package io.edgeladder.agent.ingest;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decodes one sensor message into interleaved float frames ({@code [x0,y0,z0,x1,...]} in the
 * pipeline's channel order), in place in a caller-owned scratch array.
 *
 * <p><b>Outcomes.</b> {@link #decode} either returns the frame count (1..maxFrames) or throws a
 * {@link DecodeException} whose {@link DecodeException#kind() kind} is the metric tag. The whole
 * payload is validated before a count is returned; after an exception the scratch array holds
 * garbage and must not be used. Arbitrary bytes never raise any other exception.
 *
 * <p><b>Threads.</b> Implementations keep parse state; use one decoder per pipeline, from the
 * transport's receive thread only. Steady-state decoding allocates nothing (rejections allocate their
 * exception).
 */
public interface PayloadDecoder {
  /** Returned by the time accessors when the last payload carried no absolute time. */
  long NO_TIME = Long.MIN_VALUE;

  /**
   * Decodes {@code payload} into {@code frames}.
   *
   * @param frames scratch, at least {@code maxFrames * channels} long
   * @return the number of frames written, {@code >= 1}
   * @throws DecodeException when the payload is rejected; nothing usable was written
   * @throws IllegalArgumentException when {@code frames} is too small (a wiring error)
   */
  int decode(byte[] payload, float[] frames) throws DecodeException;

  /**
   * SenML only: the base time ({@code bt}) of the last successfully decoded pack, in epoch millis, or
   * {@link #NO_TIME} when it had none, or when it was relative (SenML times below 2^28 s are relative
   * to "now"), or for other formats.
   */
  default long lastBaseTimeMillis() {
    return NO_TIME;
  }

  /**
   * SenML only: the resolved time ({@code bt + t}) of the last sample record of the last successfully
   * decoded pack, in epoch millis, or {@link #NO_TIME} as for {@link #lastBaseTimeMillis()}. A
   * pipeline may pass it to {@link StreamWindower#append} as the wall time of the message's last frame.
   */
  default long lastSampleTimeMillis() {
    return NO_TIME;
  }

  /**
   * A decoder for one pipeline.
   *
   * @param format payload encoding
   * @param channels channel names in frame order (non-empty, distinct; for SenML without ':' or '/')
   * @param unit SenML unit every record must carry if it names one ({@code u} or {@code bu}); null
   *     accepts any; ignored by the other formats
   * @param maxFrames largest frame count accepted per message; more is {@link DecodeError#OVERSIZED}
   */
  static PayloadDecoder of(PayloadFormat format, List<String> channels, String unit, int maxFrames) {
    Objects.requireNonNull(format, "decoder.format must not be null");
    Objects.requireNonNull(channels, "decoder.channels must not be null");
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("decoder.channels must not be empty");
    }
    Set<String> seen = new HashSet<>();
    for (String c : channels) {
      if (c == null || c.isBlank()) {
        throw new IllegalArgumentException("decoder.channels must not contain blank names but was " + channels);
      }
      if (!seen.add(c)) {
        throw new IllegalArgumentException("decoder.channels must be distinct but '" + c + "' repeats in " + channels);
      }
      if (format == PayloadFormat.SENML && (c.indexOf(':') >= 0 || c.indexOf('/') >= 0)) {
        throw new IllegalArgumentException(
            "decoder.channels must not contain ':' or '/' for SenML (they separate the name prefix) but was '" + c + "'");
      }
    }
    if (maxFrames <= 0 || (long) maxFrames * channels.size() > Integer.MAX_VALUE / 4) {
      throw new IllegalArgumentException("decoder.maxFrames must be > 0 and fit in memory but was " + maxFrames);
    }
    return switch (format) {
      case RAW_F32LE -> new RawF32Decoder(channels.size(), maxFrames);
      case JSON -> new JsonArrayDecoder(channels.size(), maxFrames);
      case SENML -> new SenmlDecoder(List.copyOf(channels), unit, maxFrames);
    };
  }
}
