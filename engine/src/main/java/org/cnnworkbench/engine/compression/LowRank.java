package org.cnnworkbench.engine.compression;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Truncated singular value decomposition of a weight matrix: a {@code rows x cols} matrix W is replaced by two
 * factors {@code left} ({@code rows x rank}) and {@code right} ({@code rank x cols}) with {@code left·right ≈ W}.
 * By Eckart–Young the squared Frobenius error of the best rank-r approximation is the sum of the squares of the
 * dropped singular values, which {@link #droppedEnergy} reports without reconstructing anything.
 *
 * <pre>{@code
 * LowRank.Factors all = LowRank.factor(w, 256, 1024, 1);           // singular values come with any rank
 * int r = LowRank.rankForEnergy(all.singularValues(), 0.95);       // keep 95 % of the energy
 * if (LowRank.saves(256, 1024, r)) {
 *     LowRank.Factors f = LowRank.factor(w, 256, 1024, r);
 *     float[] approx = f.reconstruct();
 * }
 * }</pre>
 */
public final class LowRank {

    private LowRank() {
    }

    /**
     * The two factors of a rank-{@code rank} approximation.
     *
     * @param left           {@code rows x rank}, row-major: U_r·S_r
     * @param right          {@code rank x cols}, row-major: V_r^T
     * @param rows           rows of the original matrix
     * @param cols           columns of the original matrix
     * @param rank           the kept rank
     * @param singularValues all min(rows, cols) singular values, descending (not only the kept ones)
     */
    public record Factors(float[] left, float[] right, int rows, int cols, int rank, double[] singularValues) {

        /** {@code left·right} as a row-major {@code rows x cols} matrix (accumulated in double). */
        public float[] reconstruct() {
            float[] out = new float[Math.multiplyExact(rows, cols)];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    double sum = 0;
                    for (int k = 0; k < rank; k++) {
                        sum += (double) left[i * rank + k] * right[k * cols + j];
                    }
                    out[i * cols + j] = (float) sum;
                }
            }
            return out;
        }
    }

    /**
     * Factors a row-major matrix at the given rank.
     *
     * @param rank 1..min(rows, cols)
     * @throws IllegalArgumentException when the sizes do not match or the rank is out of range
     */
    public static Factors factor(float[] rowMajor, int rows, int cols, int rank) {
        if (rows < 1 || cols < 1 || (long) rows * cols != rowMajor.length) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " matrix needs " + (long) rows * cols
                    + " values, got " + rowMajor.length);
        }
        int full = Math.min(rows, cols);
        if (rank < 1 || rank > full) {
            throw new IllegalArgumentException("rank " + rank + " is outside 1.." + full + " for a " + rows + " x "
                    + cols + " matrix");
        }
        double[][] data = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                data[i][j] = rowMajor[i * cols + j];
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(data, false));
        double[] s = svd.getSingularValues();
        RealMatrix u = svd.getU();
        RealMatrix v = svd.getV();
        float[] left = new float[rows * rank];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < rank; k++) {
                left[i * rank + k] = (float) (u.getEntry(i, k) * s[k]);
            }
        }
        float[] right = new float[rank * cols];
        for (int k = 0; k < rank; k++) {
            for (int j = 0; j < cols; j++) {
                right[k * cols + j] = (float) v.getEntry(j, k);
            }
        }
        return new Factors(left, right, rows, cols, rank, s.clone());
    }

    /**
     * The smallest rank r whose first r singular values hold at least {@code energy} of the total energy:
     * {@code sum_{i<r} s_i^2 >= energy * sum_i s_i^2}. A zero matrix needs rank 0.
     *
     * @param singularValues descending, as in {@link Factors#singularValues()}
     * @param energy         in (0, 1]
     */
    public static int rankForEnergy(double[] singularValues, double energy) {
        if (!(energy > 0 && energy <= 1)) {
            throw new IllegalArgumentException("energy must be in (0, 1], got " + energy);
        }
        double total = 0;
        for (double s : singularValues) {
            total += s * s;
        }
        double needed = energy * total;
        double sum = 0;
        for (int r = 0; r < singularValues.length; r++) {
            if (sum >= needed) {
                return r;
            }
            sum += singularValues[r] * singularValues[r];
        }
        return singularValues.length;
    }

    /** The squared Frobenius error of the rank-{@code rank} approximation: the sum of s_i^2 for i >= rank. */
    public static double droppedEnergy(double[] singularValues, int rank) {
        double sum = 0;
        for (int i = Math.max(0, rank); i < singularValues.length; i++) {
            sum += singularValues[i] * singularValues[i];
        }
        return sum;
    }

    /** The fraction of the total energy (sum of s_i^2) kept at rank {@code rank}; 1 for a zero matrix. */
    public static double keptEnergy(double[] singularValues, int rank) {
        double total = droppedEnergy(singularValues, 0);
        return total == 0 ? 1 : 1 - droppedEnergy(singularValues, rank) / total;
    }

    /** Whether the factors take fewer values than the matrix: {@code rank*(rows+cols) < rows*cols}. */
    public static boolean saves(int rows, int cols, int rank) {
        return (long) rank * ((long) rows + cols) < (long) rows * cols;
    }
}
