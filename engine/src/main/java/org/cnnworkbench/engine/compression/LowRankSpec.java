package org.cnnworkbench.engine.compression;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnnworkbench.engine.analysis.SpecExpander;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;

/**
 * A network with some layers replaced by their low-rank factorisation: a layer of weights W (m x n as a matrix)
 * becomes two layers, a first with r outputs and no bias or activation, and a second with the original outputs,
 * bias and activation, so that W ~ L R with L m x r and R r x n (SVD). The result is a network like any other:
 * it can be analysed, trained and compressed further.
 *
 * <ul>
 *   <li>A convolution {@code X} (filters m, kernel kh x kw over c channels, stride, pad) becomes {@code X_lr}: r
 *       filters with X's kernel, stride and pad, then {@code X}: a 1x1 convolution with m filters. As matrices,
 *       W is m x (c kh kw), R the first layer's r filters and L the second's.</li>
 *   <li>A fully connected layer {@code X} (n inputs, m units) becomes {@code X_lr} with r units, then {@code X}
 *       with m units.</li>
 * </ul>
 * The second layer keeps the id, so every consumer of X is unchanged; the first gets {@code X_lr} (or the first
 * free {@code X_lr~2}, ...). Grouped convolutions are refused.
 *
 * <pre>{@code
 * NetworkSpec small = LowRankSpec.factorise(alexnet, Map.of("fc6", 256, "fc7", 256)).spec();
 * }</pre>
 */
public final class LowRankSpec {

    /** The suffix of the first factor's id. */
    public static final String FIRST_SUFFIX = "_lr";

    private LowRankSpec() {
    }

    /**
     * {@code spec} with each layer of {@code ranks} factorised at its rank.
     *
     * @throws IllegalArgumentException naming the layer if it is not a top-level conv or fc node, is grouped, or
     *                                  the rank is below 1
     */
    public static Factorised factorise(NetworkSpec spec, Map<String, Integer> ranks) {
        Set<String> taken = new HashSet<>();
        spec.nodes().forEach(n -> taken.add(n.id()));
        List<Node> nodes = new ArrayList<>();
        Map<String, String> firstIds = new java.util.LinkedHashMap<>();
        for (Node node : spec.nodes()) {
            Integer rank = ranks.get(node.id());
            if (rank == null) {
                nodes.add(node);
                continue;
            }
            check(node, rank);
            String first = SpecExpander.freeName(node.id() + FIRST_SUFFIX, taken);
            firstIds.put(node.id(), first);
            Node a;
            Node b;
            if ("conv".equals(node.kind())) {
                a = node.withId(first).withParam("filters", (long) rank).withParam("bias", false)
                        .withoutParam("activation");
                b = node.withInputs(List.of(first)).withParam("kernel", 1L).withoutParam("stride")
                        .withoutParam("pad");
            } else {
                a = node.withId(first).withParam("units", (long) rank).withParam("bias", false)
                        .withoutParam("activation");
                b = node.withInputs(List.of(first));
            }
            nodes.add(a);
            nodes.add(b);
        }
        for (String id : ranks.keySet()) {
            if (!spec.contains(id)) {
                throw new IllegalArgumentException("svd: the network has no layer '" + id + "'");
            }
        }
        return new Factorised(new NetworkSpec(spec.name(), spec.description(), nodes), firstIds);
    }

    /**
     * The factorised network and, per factorised layer, the id of its first factor.
     *
     * @param spec the network
     * @param firstIds factorised layer id to the id of its first factor
     */
    public record Factorised(NetworkSpec spec, Map<String, String> firstIds) {
        public Factorised {
            firstIds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(firstIds));
        }
    }

    private static void check(Node node, int rank) {
        if (!"conv".equals(node.kind()) && !"fc".equals(node.kind())) {
            throw new IllegalArgumentException("svd: '" + node.id() + "' is a " + node.kind()
                    + "; only conv and fc layers can be factorised");
        }
        Object groups = node.param("groups");
        if (groups instanceof Number g && g.longValue() != 1) {
            throw new IllegalArgumentException("svd: '" + node.id() + "' is a grouped convolution (" + g
                    + " groups); factorise ungrouped layers");
        }
        if (rank < 1) {
            throw new IllegalArgumentException("svd: the rank of '" + node.id() + "' must be at least 1, not "
                    + rank);
        }
    }
}
