package io.edgeladder.controller.variants.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Stable topological sort (Kahn's algorithm, ready nodes taken in their current list order), so an already sorted
 * graph keeps its order exactly and a pass-through stays byte-identical.
 */
final class TopologicalSort {

    private TopologicalSort() {
    }

    /**
     * @throws IllegalStateException if a node reads a value nobody produces, a value has two producers, or the nodes
     *     form a cycle (the message names the nodes left on the cycle)
     */
    static List<Node> sort(Graph g) {
        List<Node> nodes = g.nodes();
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String out : nodes.get(i).outputs()) {
                if (out.isEmpty()) {
                    continue;
                }
                Integer prev = producer.put(out, i);
                if (prev != null) {
                    throw new IllegalStateException("graph: value '" + out + "' is produced by both node '"
                            + nodes.get(prev).name() + "' and node '" + nodes.get(i).name() + "'");
                }
            }
        }
        Set<String> external = new HashSet<>(g.initializers().keySet());
        g.inputs().forEach(v -> external.add(v.name()));
        int[] pending = new int[nodes.size()];
        List<List<Integer>> dependents = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            dependents.add(new ArrayList<>());
        }
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            Set<Integer> deps = new HashSet<>();
            for (String in : n.inputs()) {
                if (in.isEmpty() || external.contains(in)) {
                    continue;
                }
                Integer p = producer.get(in);
                if (p == null) {
                    throw new IllegalStateException("graph: node '" + n.name() + "' (" + n.opType() + ") reads '"
                            + in + "', which no node, graph input or initializer provides");
                }
                deps.add(p);
            }
            pending[i] = deps.size();
            final int self = i;
            deps.forEach(p -> dependents.get(p).add(self));
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        List<Node> sorted = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            int i = ready.poll();
            sorted.add(nodes.get(i));
            for (int d : dependents.get(i)) {
                if (--pending[d] == 0) {
                    ready.add(d);
                }
            }
        }
        if (sorted.size() != nodes.size()) {
            List<String> stuck = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                if (pending[i] > 0) {
                    stuck.add(nodes.get(i).name());
                }
            }
            throw new IllegalStateException("graph: cycle among nodes " + stuck);
        }
        return sorted;
    }
}
