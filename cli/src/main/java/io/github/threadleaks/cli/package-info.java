/**
 * The threadleaks command line: judges thread dumps, JFR recordings or a running JVM with
 * the engine's own grouping and leak rule.
 */
@NullMarked
package io.github.threadleaks.cli;

import org.jspecify.annotations.NullMarked;
