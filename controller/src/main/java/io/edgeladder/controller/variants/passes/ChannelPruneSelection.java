package io.edgeladder.controller.variants.passes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Chooses which channels survive, from per-layer importances; ties go to the lower index, so results repeat. */
final class ChannelPruneSelection {

    private ChannelPruneSelection() {
    }

    /** Each layer {@code i} loses {@code floor(ratios[i] × channels)} channels, keeping at least one. */
    static int[][] perLayer(List<double[]> importance, double[] ratios) {
        int[][] kept = new int[importance.size()][];
        for (int i = 0; i < kept.length; i++) {
            double[] imp = importance.get(i);
            int remove = Math.min(imp.length - 1, (int) Math.floor(ratios[i] * imp.length + 1e-9));
            kept[i] = keepTop(imp, imp.length - remove);
        }
        return kept;
    }

    /** Removes {@code floor(ratio × total)} channels ranked across layers by importance / layer mean. */
    static int[][] global(List<double[]> importance, double ratio) {
        record Ch(int layer, int index, double score) {}
        List<Ch> all = new ArrayList<>();
        for (int l = 0; l < importance.size(); l++) {
            double[] imp = importance.get(l);
            double mean = Arrays.stream(imp).average().orElse(0);
            for (int c = 0; c < imp.length; c++) {
                all.add(new Ch(l, c, mean > 0 ? imp[c] / mean : 0));
            }
        }
        all.sort((a, b) -> a.score != b.score ? Double.compare(a.score, b.score)
                : a.layer != b.layer ? Integer.compare(a.layer, b.layer) : Integer.compare(a.index, b.index));
        int[] remaining = importance.stream().mapToInt(d -> d.length).toArray();
        boolean[][] removed = new boolean[importance.size()][];
        for (int l = 0; l < removed.length; l++) {
            removed[l] = new boolean[importance.get(l).length];
        }
        int toRemove = (int) Math.floor(ratio * all.size() + 1e-9);
        for (Ch ch : all) {
            if (toRemove == 0) {
                break;
            }
            if (remaining[ch.layer] > 1) {
                removed[ch.layer][ch.index] = true;
                remaining[ch.layer]--;
                toRemove--;
            }
        }
        int[][] kept = new int[removed.length][];
        for (int l = 0; l < removed.length; l++) {
            int[] k = new int[remaining[l]];
            int j = 0;
            for (int c = 0; c < removed[l].length; c++) {
                if (!removed[l][c]) {
                    k[j++] = c;
                }
            }
            kept[l] = k;
        }
        return kept;
    }

    /** Indices of the {@code n} most important channels, ascending. */
    static int[] keepTop(double[] imp, int n) {
        Integer[] idx = new Integer[imp.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        // Most important first; among equals the lower index wins, so all-zero filters go in index order.
        Arrays.sort(idx, (a, b) -> imp[a] != imp[b] ? Double.compare(imp[b], imp[a]) : Integer.compare(a, b));
        int[] keep = new int[n];
        for (int i = 0; i < n; i++) {
            keep[i] = idx[i];
        }
        Arrays.sort(keep);
        return keep;
    }
}
