/**
 * The UCI regression evaluation ({@code credence eval}): the shared data layout ({@link io.credence.bench.eval.UciDataset}),
 * the protocol in process on bnn-core ({@link io.credence.bench.eval.UciEvaluation}) and through the real pipeline
 * ({@link io.credence.bench.eval.StreamsEvaluation}), the PyTorch reference on the same splits, the reproducible tuning
 * of the default spec on validation rows ({@link io.credence.bench.eval.UciTuning}) and the report.
 */
package io.credence.bench.eval;
