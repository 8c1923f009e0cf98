/** CSV input of the produce and predict commands. */
package io.credence.cli.csv;
