package org.cnnworkbench.engine.kinds;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds the workbench knows, by name. Immutable: {@link #with} returns a registry with more kinds,
 * which is how plugins add theirs.
 *
 * <pre>{@code
 * KindRegistry kinds = KindRegistry.standard();
 * kinds.find("fire").map(KindDescriptor::description).ifPresent(System.out::println);
 * KindRegistry extended = kinds.with(new MyDepthwiseConvKind());
 * }</pre>
 */
public final class KindRegistry {

    private static final KindRegistry STANDARD = new KindRegistry(List.of(
            new InputKind(), new ConvKind(), PoolKind.max(), PoolKind.average(), new GlobalAvgPoolKind(),
            ElementwiseKind.relu(), ElementwiseKind.lrn(), ElementwiseKind.batchnorm(), ElementwiseKind.dropout(),
            new FcKind(), ElementwiseKind.softmax(), new ConcatKind(), new AddKind(), new FlattenKind(),
            new FireKind()));

    private final Map<String, KindDescriptor> kinds;

    private KindRegistry(Collection<KindDescriptor> descriptors) {
        Map<String, KindDescriptor> map = new LinkedHashMap<>();
        for (KindDescriptor d : descriptors) {
            if (map.put(d.name(), d) != null) {
                throw new IllegalArgumentException("two kinds are named '" + d.name() + "'");
            }
        }
        this.kinds = Collections.unmodifiableMap(map);
    }

    /** The built-in kinds: input, conv, maxpool, avgpool, globalavgpool, relu, lrn, batchnorm, dropout, fc,
     * softmax, concat, add, flatten and fire. */
    public static KindRegistry standard() {
        return STANDARD;
    }

    /** This registry plus more kinds; a name that is already taken is refused. */
    public KindRegistry with(KindDescriptor... more) {
        List<KindDescriptor> all = new ArrayList<>(kinds.values());
        all.addAll(List.of(more));
        return new KindRegistry(all);
    }

    public Optional<KindDescriptor> find(String name) {
        return Optional.ofNullable(kinds.get(name));
    }

    /** All kinds in registration order. */
    public Collection<KindDescriptor> all() {
        return kinds.values();
    }

    public Collection<String> names() {
        return kinds.keySet();
    }
}
