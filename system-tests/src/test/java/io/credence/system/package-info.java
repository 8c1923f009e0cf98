/** Whole-pipeline tests: both apps and a real broker in one JVM (or child JVMs for hard crashes). */
package io.credence.system;
