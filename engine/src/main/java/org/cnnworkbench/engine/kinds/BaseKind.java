package org.cnnworkbench.engine.kinds;

import java.util.List;
import org.cnnworkbench.engine.model.Shape;

/** Holds the metadata of a kind so that each concrete kind only states its formulas. */
public abstract class BaseKind implements KindDescriptor {

    /** Activation functions a conv or fc layer may apply to its output. */
    public static final List<String> ACTIVATIONS = List.of("none", "relu", "sigmoid", "tanh");

    private final String name;
    private final Category category;
    private final String description;
    private final Arity arity;
    private final List<ParamSpec> parameters;

    protected BaseKind(String name, Category category, String description, Arity arity, ParamSpec... parameters) {
        this.name = name;
        this.category = category;
        this.description = description;
        this.arity = arity;
        this.parameters = List.of(parameters);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Category category() {
        return category;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Arity arity() {
        return arity;
    }

    @Override
    public final List<ParamSpec> parameters() {
        return parameters;
    }

    protected static ParamSpec activationParam() {
        return ParamSpec.choice("activation", "none", ACTIVATIONS, "function applied to every output element");
    }

    /** Elementwise operations of a fused activation: one per output element unless it is "none". */
    protected static long activationOps(Params params, Shape output) {
        return "none".equals(params.choice("activation")) ? 0 : output.elements();
    }

    @Override
    public String toString() {
        return name;
    }
}
