/**
 * Virtual threads (JDK 21+): listed from the JVM's JSON thread dump and grouped by the
 * engine on a cadence of their own, since listing them walks every stack.
 */
@NullMarked
package io.github.threadleaks.core.virtual;

import org.jspecify.annotations.NullMarked;
