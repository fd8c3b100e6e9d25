package io.edgeladder.protocol;

import java.util.Optional;

/**
 * A parsed {@code artifacts/{sha256}/{index}} topic: which artifact a raw chunk belongs to and where.
 *
 * @param sha256 the whole artifact's sha256, 64 lower-case hex digits
 * @param index 0-based chunk index
 */
public record ChunkTopic(String sha256, int index) {

  public ChunkTopic {
    Topics.sha("artifact", sha256);
    if (index < 0) throw new IllegalArgumentException("chunk index must be >= 0 but was " + index);
  }

  public String topic() {
    return Topics.artifactChunk(sha256, index);
  }

  /**
   * Parses {@code artifacts/{sha256}/{index}}.
   *
   * @return empty for anything else, including an index that is not a canonical decimal int
   *     ({@code 007}, {@code -1}, {@code +}, beyond {@link Integer#MAX_VALUE})
   */
  public static Optional<ChunkTopic> parse(String topic) {
    String prefix = Topics.ARTIFACTS_ROOT + '/';
    if (topic == null || !topic.startsWith(prefix)) return Optional.empty();
    int shaEnd = prefix.length() + 64;
    if (topic.length() <= shaEnd + 1 || topic.charAt(shaEnd) != '/') return Optional.empty();
    String sha = topic.substring(prefix.length(), shaEnd);
    String index = topic.substring(shaEnd + 1);
    if (!Fields.isSha256(sha) || !canonicalIndex(index)) return Optional.empty();
    long value = Long.parseLong(index);
    return value > Integer.MAX_VALUE ? Optional.empty() : Optional.of(new ChunkTopic(sha, (int) value));
  }

  private static boolean canonicalIndex(String s) {
    if (s.isEmpty() || s.length() > 10 || (s.length() > 1 && s.charAt(0) == '0')) return false;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
    }
    return true;
  }
}
