package org.cnnworkbench.engine.kinds;

/** Palette group of a kind. */
public enum Category {
    INPUT("Input"),
    CONVOLUTION("Convolution"),
    POOLING("Pooling"),
    ACTIVATION("Activation"),
    NORMALIZATION("Normalization"),
    REGULARIZATION("Regularization"),
    DENSE("Dense"),
    MERGE("Merge"),
    RESHAPE("Reshape"),
    OUTPUT("Output"),
    DETECTION("Detection"),
    MODULE("Modules");

    private final String label;

    Category(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
