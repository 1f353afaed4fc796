package org.cnnworkbench.engine.model;

import java.util.List;

/**
 * The shape of one sample's tensor as it flows between layers (the batch dimension is not part of it).
 *
 * <p>A {@link FeatureMap} is a channels x height x width volume, the output of convolutions and pooling;
 * a {@link Vector} is a flat feature vector, the output of fully connected layers and {@code flatten}.
 * Dimensions are {@code long} and element counts are overflow checked.
 *
 * <pre>{@code
 * Shape s = new Shape.FeatureMap(96, 111, 111);
 * long n = s.elements();          // 1,182,816
 * List<Long> chw = s.toChw();     // [96, 111, 111]
 * }</pre>
 */
public sealed interface Shape permits Shape.FeatureMap, Shape.Vector {

    /** Number of channels (for a vector, its number of features). */
    long channels();

    /** Number of elements of one sample; throws {@link ArithmeticException} if it overflows a long. */
    long elements();

    /** The shape as {@code [channels, height, width]}; a vector of n features is {@code [n, 1, 1]}. */
    List<Long> toChw();

    /** A channels x height x width volume. */
    record FeatureMap(long channels, long height, long width) implements Shape {
        public FeatureMap {
            if (channels < 1 || height < 1 || width < 1) {
                throw new IllegalArgumentException("shape dimensions must be positive: "
                        + channels + " x " + height + " x " + width);
            }
        }

        @Override
        public long elements() {
            return Math.multiplyExact(Math.multiplyExact(channels, height), width);
        }

        /** Pixels per channel (height x width). */
        public long area() {
            return Math.multiplyExact(height, width);
        }

        @Override
        public List<Long> toChw() {
            return List.of(channels, height, width);
        }

        @Override
        public String toString() {
            return channels + "x" + height + "x" + width;
        }
    }

    /** A flat vector of features. */
    record Vector(long features) implements Shape {
        public Vector {
            if (features < 1) {
                throw new IllegalArgumentException("vector length must be positive: " + features);
            }
        }

        @Override
        public long channels() {
            return features;
        }

        @Override
        public long elements() {
            return features;
        }

        @Override
        public List<Long> toChw() {
            return List.of(features, 1L, 1L);
        }

        @Override
        public String toString() {
            return Long.toString(features);
        }
    }
}
