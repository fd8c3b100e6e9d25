package io.edgeladder.controller.variants.passes;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * W (N×K, row-major) = U Σ Vᵀ through EJML, in double precision, singular values descending. The factors returned
 * split Σ evenly (√Σ on each side) so both have similar magnitudes and float32 loses as little as possible.
 */
final class LowRankSvd {

    private final double[] sigma;
    private final DMatrixRMaj u;
    private final DMatrixRMaj vt;
    private final int n;
    private final int k;

    private LowRankSvd(double[] sigma, DMatrixRMaj u, DMatrixRMaj vt, int n, int k) {
        this.sigma = sigma;
        this.u = u;
        this.vt = vt;
        this.n = n;
        this.k = k;
    }

    static LowRankSvd of(float[] w, int n, int k) {
        DMatrixRMaj m = new DMatrixRMaj(n, k);
        for (int i = 0; i < w.length; i++) {
            m.data[i] = w[i];
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, k, true, true, true);
        if (!svd.decompose(m)) {
            throw new IllegalStateException("low-rank: SVD did not converge for a " + n + "x" + k + " matrix");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w2 = svd.getW(null);
        DMatrixRMaj vt = svd.getV(null, true);
        SingularOps_DDRM.descendingOrder(u, false, w2, vt, true);
        int r = Math.min(n, k);
        double[] s = new double[r];
        for (int i = 0; i < r; i++) {
            s[i] = w2.get(i, i);
        }
        return new LowRankSvd(s, u, vt, n, k);
    }

    double[] singularValues() {
        return sigma.clone();
    }

    /** Smallest rank whose Σσ² reaches {@code energy} of the total (at least 1). */
    int rankForEnergy(double energy) {
        double total = 0;
        for (double s : sigma) {
            total += s * s;
        }
        double acc = 0;
        for (int r = 0; r < sigma.length; r++) {
            acc += sigma[r] * sigma[r];
            if (total == 0 || acc >= energy * total - 1e-12 * total) {
                return r + 1;
            }
        }
        return sigma.length;
    }

    /** Fraction of Σσ² kept by the first {@code r} singular values. */
    double energy(int r) {
        double total = 0;
        double acc = 0;
        for (int i = 0; i < sigma.length; i++) {
            total += sigma[i] * sigma[i];
            if (i < r) {
                acc += sigma[i] * sigma[i];
            }
        }
        return total == 0 ? 1 : acc / total;
    }

    /** First factor, K×r row-major: V_r √Σ_r (x·first gives the r-dimensional code). */
    float[] first(int r) {
        float[] f = new float[k * r];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < r; j++) {
                f[i * r + j] = (float) (vt.get(j, i) * Math.sqrt(sigma[j]));
            }
        }
        return f;
    }

    /** Second factor, r×N row-major: √Σ_r U_rᵀ. */
    float[] second(int r) {
        float[] f = new float[r * n];
        for (int j = 0; j < r; j++) {
            for (int i = 0; i < n; i++) {
                f[j * n + i] = (float) (u.get(i, j) * Math.sqrt(sigma[j]));
            }
        }
        return f;
    }

    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }
}
