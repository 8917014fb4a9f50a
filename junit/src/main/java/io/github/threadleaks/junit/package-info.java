/**
 * {@code @VerifyNoThreadLeaks}: a JUnit Jupiter extension that fails a test which leaves
 * threads running, built on the threadleaks engine's stack groups.
 */
@NullMarked
package io.github.threadleaks.junit;

import org.jspecify.annotations.NullMarked;
