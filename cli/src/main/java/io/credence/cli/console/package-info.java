/** Terminal output of the CLI: progress bars. */
package io.credence.cli.console;
