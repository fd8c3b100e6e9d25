package io.edgeladder.agent.config;

import java.util.Collection;
import java.util.Locale;

/** "did you mean" hints for misspelt keys and environment variables. */
final class Suggestions {
  private Suggestions() {}

  /** Returns {@code " (did you mean 'x'?)"} for the closest candidate, or {@code ""} if none is close. */
  static String didYouMean(String given, Collection<String> candidates) {
    String best = closest(given, candidates);
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  static String closest(String given, Collection<String> candidates) {
    String key = normalize(given);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(key, normalize(candidate));
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    // Allow roughly one typo per three characters, at least two: "brokr", "keep_alive_seconds".
    int allowed = Math.max(2, key.length() / 3);
    return bestDistance <= allowed ? best : null;
  }

  /** Case, '-' and '_' do not matter: {@code keep_alive_seconds} is close to {@code keepAliveSeconds}. */
  private static String normalize(String s) {
    return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
