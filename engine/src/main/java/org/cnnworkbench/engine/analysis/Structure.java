package org.cnnworkbench.engine.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;

/**
 * The wiring of a spec by node index: resolved inputs, consumers, a topological order, cycles, and the
 * structural diagnostics (missing inputs, cycles). Depends only on ids and inputs, so an edit of parameters
 * reuses it unchanged.
 */
final class Structure {

    static final int MISSING = -1;
    /** How many ids of a cycle its diagnostics list. */
    private static final int MAX_LISTED = 10;

    final int[][] inputs;
    final int[][] consumers;
    /**
     * Spec indexes in topological order; nodes on a cycle come last, in file order, followed by the nodes
     * after them, so that every node that is not on a cycle comes after its inputs.
     */
    final int[] order;
    /** Position of each spec index in {@link #order}. */
    final int[] rank;
    final boolean[] inCycle;
    final List<List<Diagnostic>> diagnostics;

    private Structure(int n) {
        inputs = new int[n][];
        consumers = new int[n][];
        order = new int[n];
        rank = new int[n];
        inCycle = new boolean[n];
        diagnostics = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            diagnostics.add(new ArrayList<>(0));
        }
    }

    static Structure of(NetworkSpec spec) {
        int n = spec.size();
        Structure s = new Structure(n);
        int[] consumerCount = new int[n];
        for (int i = 0; i < n; i++) {
            Node node = spec.nodes().get(i);
            int[] in = new int[node.inputs().size()];
            for (int k = 0; k < in.length; k++) {
                String inputId = node.inputs().get(k);
                in[k] = spec.indexOf(inputId);
                if (in[k] == MISSING) {
                    s.diagnostics.get(i).add(Diagnostic.error(node.id(), "input '" + inputId
                            + "' does not exist; connect an existing node or remove this input"));
                } else {
                    consumerCount[in[k]]++;
                }
            }
            s.inputs[i] = in;
        }
        for (int i = 0; i < n; i++) {
            s.consumers[i] = new int[consumerCount[i]];
        }
        int[] fill = new int[n];
        for (int i = 0; i < n; i++) {
            for (int in : s.inputs[i]) {
                if (in != MISSING) {
                    s.consumers[in][fill[in]++] = i;
                }
            }
        }
        s.sortTopologically(spec);
        return s;
    }

    /** Kahn's algorithm, taking the lowest file position first, so a file already in order keeps its order. */
    private void sortTopologically(NetworkSpec spec) {
        int n = inputs.length;
        int[] pending = new int[n];
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            for (int in : inputs[i]) {
                if (in != MISSING) {
                    pending[i]++;
                }
            }
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        boolean[] done = new boolean[n];
        int next = drain(ready, pending, done, 0);
        if (next < n) {
            markCycles(spec, done);
            // The nodes on cycles come next, in file order; then the nodes after them, again topologically,
            // so that every node not on a cycle still comes after its inputs.
            for (int i = 0; i < n; i++) {
                if (inCycle[i]) {
                    done[i] = true;
                    order[next++] = i;
                }
            }
            for (int i = 0; i < n; i++) {
                if (inCycle[i]) {
                    for (int c : consumers[i]) {
                        if (!done[c] && --pending[c] == 0) {
                            ready.add(c);
                        }
                    }
                }
            }
            next = drain(ready, pending, done, next);
        }
        for (int r = 0; r < n; r++) {
            rank[order[r]] = r;
        }
    }

    /** Kahn's main loop: appends ready nodes to {@link #order} from position {@code next}; returns the end. */
    private int drain(PriorityQueue<Integer> ready, int[] pending, boolean[] done, int next) {
        while (!ready.isEmpty()) {
            int i = ready.poll();
            done[i] = true;
            order[next++] = i;
            for (int c : consumers[i]) {
                if (--pending[c] == 0) {
                    ready.add(c);
                }
            }
        }
        return next;
    }

    /** Among nodes left unsorted, those on a cycle get a diagnostic naming the cycle. */
    private void markCycles(NetworkSpec spec, boolean[] sorted) {
        new CycleFinder(spec, sorted).run();
    }

    private final class CycleFinder {
        private final NetworkSpec spec;
        private final boolean[] sorted;
        private final int[] index;
        private final int[] low;
        private final boolean[] onStack;
        private final int[] stack;
        private final int[] callNode;
        private final int[] callEdge;
        private int stackSize;
        private int counter = 1;

        CycleFinder(NetworkSpec spec, boolean[] sorted) {
            this.spec = spec;
            this.sorted = sorted;
            int n = sorted.length;
            index = new int[n];
            low = new int[n];
            onStack = new boolean[n];
            stack = new int[n];
            callNode = new int[n];
            callEdge = new int[n];
        }

        void run() {
            for (int i = 0; i < sorted.length; i++) {
                if (!sorted[i] && index[i] == 0) {
                    strongConnect(i);
                }
            }
        }

        /**
         * Tarjan's strongly connected components over the edges input -> consumer among unsorted nodes, with an
         * explicit stack of (node, next consumer) instead of recursion, so a long chain cannot overflow the
         * thread's stack.
         */
        private void strongConnect(int root) {
            int depth = 0;
            visit(root);
            callNode[0] = root;
            callEdge[0] = 0;
            while (depth >= 0) {
                int v = callNode[depth];
                int[] next = consumers[v];
                if (callEdge[depth] < next.length) {
                    int w = next[callEdge[depth]++];
                    if (sorted[w]) {
                        continue;
                    }
                    if (index[w] == 0) {
                        visit(w);
                        depth++;
                        callNode[depth] = w;
                        callEdge[depth] = 0;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                finish(v);
                depth--;
                if (depth >= 0) {
                    int parent = callNode[depth];
                    low[parent] = Math.min(low[parent], low[v]);
                }
            }
        }

        private void visit(int v) {
            index[v] = low[v] = counter++;
            stack[stackSize++] = v;
            onStack[v] = true;
        }

        private void finish(int v) {
            if (low[v] == index[v]) {
                List<Integer> component = new ArrayList<>();
                int w;
                do {
                    w = stack[--stackSize];
                    onStack[w] = false;
                    component.add(w);
                } while (w != v);
                boolean selfLoop = Arrays.stream(inputs[v]).anyMatch(in -> in == v);
                if (component.size() > 1 || selfLoop) {
                    reportCycle(component);
                }
            }
        }

        private void reportCycle(List<Integer> component) {
            component.sort(null);
            // At most the first few ids: each node of the cycle gets the message, so listing every id of a
            // cycle of n nodes would take n x n characters.
            List<String> ids = new ArrayList<>();
            for (int i : component.subList(0, Math.min(component.size(), MAX_LISTED))) {
                ids.add(spec.nodes().get(i).id());
            }
            String path = component.size() == 1 ? ids.get(0) + " -> " + ids.get(0)
                    : String.join(", ", ids) + (component.size() > MAX_LISTED
                    ? String.format(java.util.Locale.ROOT, " and %,d more", component.size() - MAX_LISTED) : "");
            for (int i : component) {
                inCycle[i] = true;
                diagnostics.get(i).add(Diagnostic.error(spec.nodes().get(i).id(),
                        (component.size() == 1 ? "is its own input (" + path + ")"
                                : "is part of a cycle among " + path)
                                + "; a network must be acyclic, so remove one of these connections"));
            }
        }
    }
}
