/** The model spec: every setting of a model with its one default, validated on construction. */
package io.credence.bnn.spec;
