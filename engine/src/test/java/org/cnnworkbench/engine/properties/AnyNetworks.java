package org.cnnworkbench.engine.properties;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.ParamSpec;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;

/**
 * Arbitrary graphs, mostly invalid: known and unknown kinds, parameters that are missing, unknown, of the
 * wrong type or out of range, inputs that do not exist, point at the node itself or close cycles. Values are
 * plausible often enough that many nodes still compute, so that errors meet valid nodes downstream.
 */
final class AnyNetworks {

    private static final List<String> IDS = List.of("data", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k");
    private static final List<String> UNKNOWN_KINDS = List.of("conv2d", "Relu", "pool", "", "mystery");
    private static final List<String> UNKNOWN_PARAMS = List.of("filter", "kernal", "units", "size", "foo");
    private static final KindRegistry KINDS = KindRegistry.standard();

    private AnyNetworks() {
    }

    static Arbitrary<Graph> graphs() {
        return specs().map(Graph::new);
    }

    static Arbitrary<NetworkSpec> specs() {
        return Arbitraries.of(IDS).list().uniqueElements().ofMinSize(1).ofMaxSize(IDS.size())
                .flatMap(ids -> {
                    List<Arbitrary<Node>> nodes = new ArrayList<>();
                    for (String id : ids) {
                        nodes.add(node(id, ids));
                    }
                    return Combinators.combine(nodes).as(list -> NetworkSpec.of("any", list));
                })
                .withoutEdgeCases();
    }

    /**
     * Graphs of inputs with huge dimensions and element-wise nodes after them, whose counts come close to or
     * beyond 2^63, so that some nodes and some network totals overflow; with a random edit.
     */
    static Arbitrary<EditedNetwork> hugeGraphs() {
        Arbitrary<Long> dimension = Arbitraries.of(1L, 2L, 3L, 1L << 20, (long) Integer.MAX_VALUE);
        Arbitrary<Node> input = Combinators.combine(dimension, dimension, dimension).as((c, h, w) ->
                Node.of("in", "input", List.of(), Map.of("channels", c, "height", h, "width", w)));
        return input.list().ofMinSize(1).ofMaxSize(6).flatMap(inputs -> {
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                nodes.add(inputs.get(i).withId("in" + i));
            }
            Arbitrary<Node> consumer = Combinators.combine(Arbitraries.of("relu", "batchnorm", "fc", "flatten"),
                    Arbitraries.integers().between(0, nodes.size() - 1)).as((kind, from) ->
                    Node.of("x", kind, List.of("in" + from),
                            kind.equals("fc") ? Map.of("units", 1L << 20) : Map.of()));
            return consumer.list().ofMaxSize(4).flatMap(consumers -> {
                List<Node> all = new ArrayList<>(nodes);
                for (int i = 0; i < consumers.size(); i++) {
                    all.add(consumers.get(i).withId("x" + i));
                }
                NetworkSpec spec = NetworkSpec.of("huge", all);
                return edits(spec).map(edit -> new EditedNetwork(spec, edit));
            });
        }).withoutEdgeCases();
    }

    /** A graph and a random edit of it. */
    static Arbitrary<EditedNetwork> editedGraphs() {
        return specs().flatMap(spec -> edits(spec).map(edit -> new EditedNetwork(spec, edit))).withoutEdgeCases();
    }

    /** A spec that shows itself as JSON in failure reports. */
    record Graph(NetworkSpec spec) {
        @Override
        public String toString() {
            return NetworkJson.write(spec);
        }
    }

    /** A spec and an edit of it. */
    record EditedNetwork(NetworkSpec before, Edit edit) {
        @Override
        public String toString() {
            return NetworkJson.write(before) + "edited: " + edit;
        }
    }

    static Arbitrary<Node> node(String id, List<String> ids) {
        return kind().flatMap(kind -> Combinators.combine(inputs(kind, ids, id), params(kind))
                .as((inputs, params) -> new Node(id, kind, inputs, params)));
    }

    static Arbitrary<String> kind() {
        return KIND;
    }

    private static Arbitrary<List<String>> inputs(String kind, List<String> ids, String self) {
        // Mostly earlier nodes, so that many graphs are acyclic; sometimes any node, itself or a missing one.
        List<String> earlier = ids.contains(self) ? ids.subList(0, ids.indexOf(self)) : ids;
        Arbitrary<String> target = Arbitraries.frequencyOf(
                Tuple.of(earlier.isEmpty() ? 0 : 30, earlier.isEmpty() ? Arbitraries.just("ghost")
                        : Arbitraries.of(earlier)),
                Tuple.of(3, Arbitraries.of(ids)),
                Tuple.of(1, Arbitraries.just(self)),
                Tuple.of(1, Arbitraries.just("ghost")));
        int usual = KINDS.find(kind).map(k -> k.arity().min()).orElse(1);
        Arbitrary<Integer> count = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(usual == 0 ? 0 : usual + (kind.equals("concat") ? 1 : 0))),
                Tuple.of(1, Arbitraries.integers().between(0, 3)));
        return count.flatMap(n -> target.list().ofSize(n));
    }

    private static final Map<String, Arbitrary<Map<String, Object>>> PARAMS_BY_KIND =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final Arbitrary<Object> WILD = wildValues();
    private static final Arbitrary<String> KIND = Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just("input")),
            Tuple.of(16, Arbitraries.of(new ArrayList<>(KINDS.names()))),
            Tuple.of(1, Arbitraries.of(UNKNOWN_KINDS)));

    static Arbitrary<Map<String, Object>> params(String kind) {
        return PARAMS_BY_KIND.computeIfAbsent(kind, AnyNetworks::newParams);
    }

    private static Arbitrary<Map<String, Object>> newParams(String kind) {
        KindDescriptor descriptor = KINDS.find(kind).orElse(null);
        List<Arbitrary<Map<String, Object>>> entries = new ArrayList<>();
        if (descriptor != null) {
            for (ParamSpec spec : descriptor.parameters()) {
                Arbitrary<Object> value = Arbitraries.frequencyOf(Tuple.of(12, plausible(spec)), Tuple.of(1, wild()));
                entries.add(Arbitraries.frequencyOf(
                        Tuple.of(spec.required() ? 20 : 1, value.map(v -> Map.of(spec.name(), v))),
                        Tuple.of(1, Arbitraries.just(Map.of()))));
            }
        }
        entries.add(Arbitraries.frequencyOf(
                Tuple.of(descriptor == null ? 1 : 8, Arbitraries.just(Map.of())),
                Tuple.of(1, Combinators.combine(Arbitraries.of(UNKNOWN_PARAMS), wild()).as(Map::of))));
        return Combinators.combine(entries).as(maps -> {
            Map<String, Object> params = new LinkedHashMap<>();
            maps.forEach(params::putAll);
            return params;
        });
    }

    /** A value of the parameter's type, mostly within its range. */
    static Arbitrary<Object> plausible(ParamSpec spec) {
        boolean dimension = List.of("channels", "height", "width").contains(spec.name());
        long min = (long) spec.min();
        Arbitrary<Long> whole = dimension
                ? Arbitraries.frequencyOf(Tuple.of(30, Arbitraries.longs().between(1, 24)),
                        Tuple.of(1, Arbitraries.just((long) Integer.MAX_VALUE)))
                : Arbitraries.longs().between(min, min + 4);
        return switch (spec.type()) {
            case INT -> whole.map(Object.class::cast);
            case INT_PAIR -> Arbitraries.oneOf(whole.map(Object.class::cast),
                    whole.list().ofSize(2).map(Object.class::cast));
            case DOUBLE -> Arbitraries.doubles().between(spec.min(), Math.min(spec.max(), 2.0)).ofScale(3)
                    .map(Object.class::cast);
            case BOOLEAN -> Arbitraries.of(true, false).map(Object.class::cast);
            case CHOICE -> Arbitraries.of(spec.choices()).map(Object.class::cast);
            case SIZE_LIST -> Combinators.combine(
                    Arbitraries.oneOf(Arbitraries.longs().between(1, 400).map(Object.class::cast),
                            Arbitraries.doubles().between(0.5, 400).ofScale(2).map(Object.class::cast)),
                    Arbitraries.oneOf(Arbitraries.longs().between(1, 400).map(Object.class::cast),
                            Arbitraries.doubles().between(0.5, 400).ofScale(2).map(Object.class::cast)))
                    .as((w, h) -> (Object) List.of(w, h)).list().ofMinSize(1).ofMaxSize(9).map(Object.class::cast);
        };
    }

    /** Any value a spec file could hold: wrong types, out of range, huge, negative, lists of any length. */
    static Arbitrary<Object> wild() {
        return WILD;
    }

    private static Arbitrary<Object> wildValues() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-3, 3).map(Object.class::cast),
                Arbitraries.of(Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, 1L << 20, 1L << 40, Long.MAX_VALUE,
                        Long.MIN_VALUE).map(Object.class::cast),
                Arbitraries.of(-1.5, 0.0, 0.5, 3.0, 1e300).map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.of("relu", "ceil", "x", "", "3").map(Object.class::cast),
                Arbitraries.of(List.of(), List.of(3L), List.of(2L, 3L), List.of(1L, 2L, 3L), List.of("a", 1L),
                        List.of(1.5, 2.0), List.of(0L, -1L), List.of(List.of(36L, 37L)), List.of(List.of(0L, 5L)),
                        List.of(List.of(1L, 2L, 3L), List.of(4L, 5L)), List.of(List.of(2.5, 3L), 7L))
                        .map(Object.class::cast));
    }

    /** Random edits of any kind: parameters, kinds, nodes added or removed, inputs rewired. */
    static Arbitrary<Edit> edits(NetworkSpec spec) {
        List<String> ids = spec.nodes().stream().map(Node::id).toList();
        Arbitrary<Node> anyNode = Arbitraries.of(spec.nodes());
        Arbitrary<Edit> setParam = anyNode.flatMap(n -> {
            List<String> names = new ArrayList<>(UNKNOWN_PARAMS);
            KINDS.find(n.kind()).ifPresent(k -> k.parameters().forEach(p -> names.add(0, p.name())));
            return Combinators.combine(Arbitraries.of(names), Arbitraries.oneOf(wild(), Arbitraries.longs()
                    .between(0, 9).map(Object.class::cast))).as((name, value) ->
                    new Edit("set " + n.id() + "." + name + " = " + value, n.id(),
                            spec.withNode(n.withParam(name, value)), false));
        });
        Arbitrary<Edit> removeParam = anyNode.filter(n -> !n.params().isEmpty()).flatMap(n ->
                Arbitraries.of(new ArrayList<>(n.params().keySet())).map(name ->
                        new Edit("remove " + n.id() + "." + name, n.id(), spec.withNode(n.withoutParam(name)),
                                false)));
        Arbitrary<Edit> changeKind = Combinators.combine(anyNode, kind()).as((n, kind) ->
                new Edit("change kind of " + n.id() + " to '" + kind + "'", n.id(),
                        spec.withNode(new Node(n.id(), kind, n.inputs(), n.params())), false));
        Arbitrary<Edit> removeNode = anyNode.map(n ->
                new Edit("remove " + n.id(), n.id(), spec.withoutNode(n.id()), true));
        List<String> withNew = new ArrayList<>(ids);
        withNew.add("new");
        Arbitrary<Edit> addNode = Combinators.combine(node("new", withNew),
                Arbitraries.integers().between(0, spec.size())).as((n, at) -> {
                    List<Node> nodes = new ArrayList<>(spec.nodes());
                    nodes.add(at, n);
                    return new Edit("add " + n + " at " + at, n.id(),
                            new NetworkSpec(spec.name(), spec.description(), nodes), true);
                });
        Arbitrary<Edit> rewire = anyNode.flatMap(n -> inputs(n.kind(), ids, n.id()).map(inputs ->
                new Edit("rewire " + n.id() + " to " + inputs, n.id(), spec.withNode(n.withInputs(inputs)),
                        !inputs.equals(n.inputs()))));
        List<Arbitrary<Edit>> all = new ArrayList<>(List.of(setParam, changeKind, removeNode, addNode, rewire));
        if (spec.nodes().stream().anyMatch(n -> !n.params().isEmpty())) {
            all.add(removeParam);
        }
        return Arbitraries.oneOf(all);
    }
}
