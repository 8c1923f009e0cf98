package io.credence.bench.drift;

/**
 * What the change did to one setting, read off its NLL curves.
 *
 * @param setting          the setting
 * @param preChangeNll     mean NLL over the window before the change (drift stream)
 * @param worstNll         worst windowed NLL after the change
 * @param recoveryRecords  records after the change until the windowed NLL is back within the tolerance of
 *                         {@code preChangeNll} (the window must lie wholly after the change, so it is at least one
 *                         window); NaN when it never is
 * @param fromScratch      records from the start of the stream until the windowed NLL first came within the same
 *                         tolerance of {@code preChangeNll}: how long reaching that level took a fresh model, to compare
 *                         {@code recoveryRecords} with
 * @param postChangeNll    mean NLL over every record after the change (drift stream): recovery and what follows
 * @param stationaryNll    mean NLL over the same records of the stream without a change
 */
public record Recovery(DriftSetting setting, double preChangeNll, double worstNll, double recoveryRecords,
                       double fromScratch, double postChangeNll, double stationaryNll) {

    /**
     * @param drift      the curve of the stream with a change at {@code changeAt}
     * @param stationary the curve of the same stream length without it
     * @param window     records per window of the windowed NLL (a multiple of the batch)
     * @param tolerance  nats per record above the pre-change level that count as recovered
     */
    public static Recovery of(DriftSetting setting, NllCurve drift, NllCurve stationary, long changeAt, int window, double tolerance) {
        long records = (long) drift.batches() * drift.batch();
        double before = drift.mean(changeAt - window, changeAt);
        double worst = Double.NEGATIVE_INFINITY, recovered = Double.NaN, scratch = Double.NaN;
        for (long end = changeAt + window; end <= records; end += drift.batch()) {
            double w = drift.mean(end - window, end);
            worst = Math.max(worst, w);
            if (Double.isNaN(recovered) && w <= before + tolerance) recovered = end - changeAt;
        }
        for (long end = window; end <= changeAt && Double.isNaN(scratch); end += drift.batch()) {
            if (drift.mean(end - window, end) <= before + tolerance) scratch = end;
        }
        return new Recovery(setting, before, worst, recovered, scratch, drift.mean(changeAt, records), stationary.mean(changeAt, records));
    }
}
