/** Adam with gradient-norm clipping. */
package io.credence.bnn.optim;
