package org.cnnworkbench.app.ui.document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.io.NodePosition;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;

/**
 * A layered (Sugiyama-style) top-to-bottom layout: each node's layer is the length of the longest path from
 * an input to it; within a layer nodes are ordered by the mean position of their inputs (barycenter), then by
 * file order, and centred on a common axis. A deep network (more than {@link #MAX_ROWS} layers) is folded into
 * several columns of layers, read top to bottom and left to right, so that it fits a screen at a legible size.
 */
public final class LayeredLayout {

    /** Horizontal distance between the left edges of neighbouring cards. */
    public static final double COLUMN = 220;
    /** Vertical distance between layers. */
    public static final double ROW = 110;
    /** Layers per column before a deep network is folded into several columns. */
    public static final int MAX_ROWS = 12;
    /** Width over height that folding aims at, about that of a canvas on a wide screen. */
    static final double TARGET_ASPECT = 1.6;

    private LayeredLayout() {
    }

    /**
     * Positions for every node. With {@code keepExisting}, nodes that already have a position keep it and the
     * others go below their first placed input (or where the layered layout puts them), moved right until
     * they do not overlap another card; where that cannot be done (cards placed absurdly far out), they go
     * where the layered layout puts them.
     */
    public static Map<String, NodePosition> layout(NetworkSpec spec, Map<String, NodePosition> existing,
                                                   boolean keepExisting) {
        Map<String, NodePosition> layered = layered(spec);
        if (!keepExisting) {
            return layered;
        }
        Map<String, NodePosition> result = new HashMap<>();
        for (Node n : spec.nodes()) {
            NodePosition at = existing.get(n.id());
            if (at != null) {
                result.put(n.id(), at);
            }
        }
        for (Node n : spec.nodes()) {
            if (result.containsKey(n.id())) {
                continue;
            }
            NodePosition own = layered.get(n.id());
            NodePosition below = n.inputs().stream().map(result::get).filter(p -> p != null).findFirst()
                    .map(p -> new NodePosition(p.x(), p.y() + ROW)).orElse(own);
            NodePosition at = movedRightUntilFree(below, result);
            if (at == null) {
                at = movedRightUntilFree(own, result);
            }
            result.put(n.id(), at != null ? at : own);
        }
        return result;
    }

    /**
     * {@code wanted}, moved right a column at a time until it overlaps no placed card; null where that does not
     * happen, e.g. so far out (beyond about 2^61) that adding a column no longer changes the coordinate.
     */
    private static NodePosition movedRightUntilFree(NodePosition wanted, Map<String, NodePosition> placed) {
        NodePosition at = wanted;
        // A card overlaps 1.6 columns, so it blocks at most 2 steps (3 where rounding shortens a step).
        for (int step = 0; step <= 3 * placed.size(); step++) {
            if (!overlaps(at, placed)) {
                return at;
            }
            double x = at.x() + COLUMN;
            if (x == at.x()) {
                return null;
            }
            at = new NodePosition(x, at.y());
        }
        return null;
    }

    private static boolean overlaps(NodePosition at, Map<String, NodePosition> placed) {
        return placed.values().stream().anyMatch(p -> Math.abs(p.x() - at.x()) < COLUMN * 0.8
                && Math.abs(p.y() - at.y()) < ROW * 0.6);
    }

    private static Map<String, NodePosition> layered(NetworkSpec spec) {
        Map<String, Integer> layer = layers(spec);
        int depth = layer.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<List<Node>> rows = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            rows.add(new ArrayList<>());
        }
        for (Node n : spec.nodes()) {
            rows.get(layer.get(n.id())).add(n);
        }
        int widest = rows.stream().mapToInt(List::size).max().orElse(1);
        int rowsPerColumn = rowsPerColumn(depth, widest);
        double columnWidth = (widest + 0.5) * COLUMN;
        Map<String, Double> column = new HashMap<>();
        Map<String, NodePosition> positions = new HashMap<>();
        for (int r = 0; r < depth; r++) {
            List<Node> row = rows.get(r);
            Map<String, Double> barycenter = new HashMap<>();
            for (int i = 0; i < row.size(); i++) {
                Node n = row.get(i);
                double sum = 0;
                int count = 0;
                for (String in : n.inputs()) {
                    Double c = column.get(in);
                    if (c != null) {
                        sum += c;
                        count++;
                    }
                }
                barycenter.put(n.id(), count > 0 ? sum / count : i - (row.size() - 1) / 2.0);
            }
            row.sort(Comparator.comparingDouble(n -> barycenter.get(n.id())));
            for (int i = 0; i < row.size(); i++) {
                double c = i - (row.size() - 1) / 2.0;
                column.put(row.get(i).id(), c);
                positions.put(row.get(i).id(), new NodePosition((r / rowsPerColumn) * columnWidth + c * COLUMN,
                        (r % rowsPerColumn) * ROW));
            }
        }
        return positions;
    }

    /** Layers per column: all of them up to {@link #MAX_ROWS}, else what brings the shape nearest the target. */
    static int rowsPerColumn(int depth, int widest) {
        if (depth <= MAX_ROWS) {
            return Math.max(depth, 1);
        }
        int best = depth;
        double bestError = Double.MAX_VALUE;
        for (int rows = MAX_ROWS / 2; rows <= depth; rows++) {
            int columns = (depth + rows - 1) / rows;
            double aspect = columns * (widest + 0.5) * COLUMN / (rows * ROW);
            double error = Math.abs(Math.log(aspect / TARGET_ASPECT));
            if (error < bestError) {
                bestError = error;
                best = rows;
            }
        }
        return best;
    }

    /** Longest-path layering; nodes on a cycle (or after one) go one layer below the rest. */
    static Map<String, Integer> layers(NetworkSpec spec) {
        Map<String, Integer> layer = new HashMap<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Node n : spec.nodes()) {
                if (layer.containsKey(n.id())) {
                    continue;
                }
                int l = 0;
                boolean ready = true;
                for (String in : n.inputs()) {
                    if (!spec.contains(in)) {
                        continue;
                    }
                    Integer li = layer.get(in);
                    if (li == null) {
                        ready = false;
                        break;
                    }
                    l = Math.max(l, li + 1);
                }
                if (ready) {
                    layer.put(n.id(), l);
                    progress = true;
                }
            }
        }
        int below = layer.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        for (Node n : spec.nodes()) {
            layer.putIfAbsent(n.id(), below);
        }
        return layer;
    }
}
