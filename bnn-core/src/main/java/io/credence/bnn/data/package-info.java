/** Validation of input examples against a spec, with reasons for dead letters. */
package io.credence.bnn.data;
