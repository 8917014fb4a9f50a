/**
 * A service that leaks threads on purpose, and benign look-alikes, to show threadleaks at
 * work.
 */
@NullMarked
package io.github.threadleaks.sample;

import org.jspecify.annotations.NullMarked;
