/**
 * JFR events of the engine's verdicts, so that a recording shows when a group became
 * suspected and when it cleared, beside GC and CPU on JDK Mission Control's timeline.
 */
@NullMarked
package io.github.threadleaks.core.jfr;

import org.jspecify.annotations.NullMarked;
