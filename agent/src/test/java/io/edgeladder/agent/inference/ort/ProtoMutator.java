package io.edgeladder.agent.inference.ort;

import io.edgeladder.protocol.fuzz.Payload;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Structure-aware mutation of ONNX files without a protobuf library: the protobuf wire format is parsed into
 * a tree of fields (a length-delimited field that parses completely as fields is taken for a sub-message),
 * one field is replaced (a varint by a boundary value, bytes by a shorter, longer or foreign run, a
 * sub-message dropped or repeated), and the tree is written back with every enclosing length fixed, so the
 * damage reaches ONNX Runtime's graph checks rather than stopping at the protobuf parser. A third of the
 * mutations target the graph inputs' type and shape ({@code ModelProto.graph.input}: the "wrong input spec").
 */
final class ProtoMutator {
  private static final int MAX_DEPTH = 12;
  private static final long[] VARINTS = {0, 1, 2, 3, 7, 10, 16, 127, 128, 255, 1 << 16, Integer.MAX_VALUE,
      1L << 31, 1L << 32, 1L << 40, Long.MAX_VALUE, -1, -2, Integer.MIN_VALUE, Long.MIN_VALUE};

  /** One protobuf field; {@code children} non-null when the bytes parse as a message. */
  record Field(int number, int wire, long varint, byte[] bytes, List<Field> children, String path) {}

  private final List<Field> root;
  private final List<Field> all = new ArrayList<>();
  private final List<Field> inputSpec = new ArrayList<>();

  ProtoMutator(byte[] model) {
    this.root = parse(model, 0, model.length, 0, "");
    if (root == null) throw new IllegalArgumentException("not a protobuf message");
    collect(root);
  }

  private void collect(List<Field> fields) {
    for (Field f : fields) {
      all.add(f);
      if (f.path.startsWith("7.11.")) inputSpec.add(f);
      if (f.children != null) collect(f.children);
    }
  }

  /** The model with every varint field at {@code path} (field numbers joined by '.') set to {@code value}. */
  byte[] withVarints(String path, long value) {
    Map<Field, List<Field>> replace = new IdentityHashMap<>();
    for (Field f : all) {
      if (f.path.equals(path) && f.wire == 0) replace.put(f, List.of(new Field(f.number, 0, value, null, null, f.path)));
    }
    if (replace.isEmpty()) throw new IllegalArgumentException("no varint at " + path);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(root, replace, out);
    return out.toByteArray();
  }

  Payload mutate(Random r) {
    List<Field> pool = r.nextInt(3) == 0 && !inputSpec.isEmpty() ? inputSpec : all;
    Field target = pool.get(r.nextInt(pool.size()));
    Map<Field, List<Field>> replace = new IdentityHashMap<>();
    String how;
    switch (target.wire) {
      case 0 -> {
        long v = r.nextInt(4) == 0 ? r.nextLong() : VARINTS[r.nextInt(VARINTS.length)];
        replace.put(target, List.of(new Field(target.number, 0, v, null, null, target.path)));
        how = "varint " + target.path + "=" + v;
      }
      case 2 -> {
        int kind = r.nextInt(5);
        if (kind == 0) {
          replace.put(target, List.of());
          how = "drop " + target.path;
        } else if (kind == 1) {
          replace.put(target, List.of(target, target));
          how = "repeat " + target.path;
        } else if (kind == 2 && target.bytes.length > 0) {
          byte[] b = Arrays.copyOf(target.bytes, r.nextInt(target.bytes.length));
          replace.put(target, List.of(new Field(target.number, 2, 0, b, null, target.path)));
          how = "shorten " + target.path + " to " + b.length;
        } else if (kind == 3) {
          Field other = all.get(r.nextInt(all.size()));
          byte[] b = other.wire == 2 ? other.bytes : new byte[] {(byte) r.nextInt(256)};
          replace.put(target, List.of(new Field(target.number, 2, 0, b, null, target.path)));
          how = "swap " + target.path + " with " + other.path;
        } else {
          byte[] b = target.bytes.clone();
          if (b.length > 0) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
          replace.put(target, List.of(new Field(target.number, 2, 0, b, null, target.path)));
          how = "bitflip in " + target.path;
        }
      }
      default -> {
        replace.put(target, List.of(new Field(target.number, 0, VARINTS[r.nextInt(VARINTS.length)], null, null,
            target.path)));
        how = "rewire " + target.path;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(root, replace, out);
    return new Payload("proto " + how, out.toByteArray());
  }

  private static void write(List<Field> fields, Map<Field, List<Field>> replace, ByteArrayOutputStream out) {
    for (Field f : fields) {
      List<Field> with = replace.get(f);
      if (with == null) {
        writeOne(f, replace, out);
      } else {
        for (Field w : with) writeOne(w, Map.of(), out);
      }
    }
  }

  private static void writeOne(Field f, Map<Field, List<Field>> replace, ByteArrayOutputStream out) {
    varint(((long) f.number << 3) | f.wire, out);
    switch (f.wire) {
      case 0 -> varint(f.varint, out);
      case 2 -> {
        byte[] body = f.bytes;
        if (f.children != null) {
          ByteArrayOutputStream inner = new ByteArrayOutputStream();
          write(f.children, replace, inner);
          body = inner.toByteArray();
        }
        varint(body.length, out);
        out.write(body, 0, body.length);
      }
      default -> out.write(f.bytes, 0, f.bytes.length);
    }
  }

  private static void varint(long v, ByteArrayOutputStream out) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** The fields of {@code b[from, to)}, or null when those bytes are not a well-formed message. */
  private static List<Field> parse(byte[] b, int from, int to, int depth, String path) {
    List<Field> out = new ArrayList<>();
    int[] pos = {from};
    while (pos[0] < to) {
      long tag = readVarint(b, pos, to);
      if (tag < 0) return null;
      int number = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      if (number <= 0 || number > 100_000) return null;
      String p = path.isEmpty() ? Integer.toString(number) : path + "." + number;
      switch (wire) {
        case 0 -> {
          long v = readVarint(b, pos, to);
          if (pos[0] < 0) return null;
          out.add(new Field(number, 0, v, null, null, p));
        }
        case 1, 5 -> {
          int n = wire == 1 ? 8 : 4;
          if (pos[0] + n > to) return null;
          out.add(new Field(number, wire, 0, Arrays.copyOfRange(b, pos[0], pos[0] + n), null, p));
          pos[0] += n;
        }
        case 2 -> {
          long len = readVarint(b, pos, to);
          if (pos[0] < 0 || len < 0 || pos[0] + len > to) return null;
          int start = pos[0];
          int end = (int) (start + len);
          List<Field> children = depth < MAX_DEPTH && len > 0 ? parse(b, start, end, depth + 1, p) : null;
          out.add(new Field(number, 2, 0, Arrays.copyOfRange(b, start, end), children, p));
          pos[0] = end;
        }
        default -> {
          return null;
        }
      }
    }
    return out;
  }

  /** Reads a varint at pos[0]; on malformed input sets pos[0] to -1 and returns -1. */
  private static long readVarint(byte[] b, int[] pos, int to) {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= to) {
        pos[0] = -1;
        return -1;
      }
      byte x = b[pos[0]++];
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) return v;
    }
    pos[0] = -1;
    return -1;
  }
}
