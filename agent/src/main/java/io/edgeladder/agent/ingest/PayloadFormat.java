package io.edgeladder.agent.ingest;

/** Sensor payload encodings the agent decodes. */
public enum PayloadFormat {
  /** JSON numbers: a flat interleaved array {@code [x0,y0,z0,x1,...]} or frames {@code [[x,y,z],...]}. */
  JSON,
  /** SenML JSON (RFC 8428): one record per channel sample, names matched to the channel layout. */
  SENML,
  /** Raw little-endian IEEE-754 float32, frames interleaved in the declared channel order. */
  RAW_F32LE
}
