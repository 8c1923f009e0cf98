/**
 * The model spec: {@link io.credence.bnn.spec.ModelSpec} and its sections (network, prior and variational family,
 * likelihood, optimiser, streaming, scoring), each a record that declares its defaults once and validates its values on
 * construction, and names its settings for readers and writers of specs ({@link io.credence.bnn.spec.SpecSettings}).
 */
package io.credence.bnn.spec;
