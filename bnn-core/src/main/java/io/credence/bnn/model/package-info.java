/** The variational posterior: flat parameters, its immutable export, and MOPED initialisation. */
package io.credence.bnn.model;
