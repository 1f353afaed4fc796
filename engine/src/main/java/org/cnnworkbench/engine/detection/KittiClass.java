package org.cnnworkbench.engine.detection;

import java.util.Optional;

/** The classes the KITTI object benchmark evaluates, with the devkit's 2D IoU threshold and neighbouring class. */
public enum KittiClass {
    CAR("Car", 0.7, "Van"),
    PEDESTRIAN("Pedestrian", 0.5, "Person_sitting"),
    CYCLIST("Cyclist", 0.5, null);

    private final String label;
    private final double minOverlap;
    private final String neighbour;

    KittiClass(String label, double minOverlap, String neighbour) {
        this.label = label;
        this.minOverlap = minOverlap;
        this.neighbour = neighbour;
    }

    /** The type as written in label files ({@code Car}). */
    public String label() {
        return label;
    }

    /** A detection matches ground truth when their IoU exceeds this (strictly). */
    public double minOverlap() {
        return minOverlap;
    }

    /** The neighbouring class whose ground truth is ignored for this class (Van for Car, Person_sitting for Pedestrian). */
    public Optional<String> neighbour() {
        return Optional.ofNullable(neighbour);
    }
}
