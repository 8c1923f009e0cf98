package io.credence.bnn.likelihood;

import java.nio.DoubleBuffer;

/** y ~ Categorical(softmax(f(x))): nll = logsumexp(f) - f_y, gradient softmax(f) - onehot(y). */
public final class Categorical implements Likelihood {
    private final int classes;

    public Categorical(int classes) {
        this.classes = classes;
    }

    @Override
    public int parameters() { return 0; }

    @Override
    public double nll(DoubleBuffer out, int batch, double[] y, double[] weight, double[] params, double scale,
                      DoubleBuffer dOut, double[] gParams) {
        double total = 0;
        for (int i = 0; i < batch; i++) {
            int base = i * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) max = Math.max(max, out.get(base + k));
            double sum = 0;
            for (int k = 0; k < classes; k++) sum += Math.exp(out.get(base + k) - max);
            double logZ = max + Math.log(sum);
            int label = (int) y[i];
            double w = weight[i];
            total += w * (logZ - out.get(base + label));
            for (int k = 0; k < classes; k++) {
                double p = Math.exp(out.get(base + k) - logZ);
                double g = p - (k == label ? 1 : 0);
                dOut.put(base + k, dOut.get(base + k) + scale * w * g);
            }
        }
        return total;
    }
}
