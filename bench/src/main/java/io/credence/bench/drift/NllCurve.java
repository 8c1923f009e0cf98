package io.credence.bench.drift;

/**
 * Prequential (score-then-learn) negative log predictive density of every mini-batch of one stream, in target units,
 * nats per record: how well the model predicted each batch before it learned from it.
 *
 * @param batch records per mini-batch
 * @param nll   [batches] mean NLL of each batch (NaN for a batch whose update was rejected)
 */
public record NllCurve(int batch, double[] nll) {
    public NllCurve {
        nll = nll.clone();
    }

    @Override
    public double[] nll() {
        return nll.clone();
    }

    public int batches() {
        return nll.length;
    }

    /** Mean NLL per record over records [from, to) (whole batches; NaN batches skipped). */
    public double mean(long from, long to) {
        int b0 = (int) (from / batch), b1 = (int) Math.min(nll.length, (to + batch - 1) / batch);
        double sum = 0;
        int n = 0;
        for (int b = b0; b < b1; b++) {
            if (Double.isFinite(nll[b])) {
                sum += nll[b];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The element-wise mean of {@code curves} (same batch and length). */
    public static NllCurve average(java.util.List<NllCurve> curves) {
        NllCurve first = curves.get(0);
        double[] sum = new double[first.nll.length];
        for (NllCurve c : curves) {
            if (c.batch != first.batch || c.nll.length != sum.length) throw new IllegalArgumentException("curves of different shapes");
            for (int i = 0; i < sum.length; i++) sum[i] += c.nll[i];
        }
        for (int i = 0; i < sum.length; i++) sum[i] /= curves.size();
        return new NllCurve(first.batch, sum);
    }
}
