/**
 * Readers of the JVM's thread dump formats (jstack text, the JDK's JSON thread dump, the
 * text of a frame), one per format, used by every part of threadleaks that reads dumps.
 */
@NullMarked
package io.github.threadleaks.core.dump;

import org.jspecify.annotations.NullMarked;
