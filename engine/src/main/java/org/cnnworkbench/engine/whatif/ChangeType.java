package org.cnnworkbench.engine.whatif;

/** How far an edit reaches through a network (docs/whatif.md). */
public enum ChangeType {
    /** Nothing that the analysis measures changed. */
    NONE,
    /**
     * Only the edited layers change, together with the parameter-free layers that pass their new channel count
     * on and the parameters (not the output shape) of the next layer with parameters.
     */
    LOCAL,
    /** The change reaches beyond that: typically a new height x width that every later layer inherits. */
    GLOBAL
}
