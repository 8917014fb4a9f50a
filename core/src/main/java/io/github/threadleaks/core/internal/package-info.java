/**
 * Helpers shared by threadleaks' own packages and modules: duration text, range checks of
 * settings, what a frame's text says. Not API: public only because Java has no narrower
 * scope across packages; any type here may change or go in any release. Left out of the
 * javadoc.
 */
@NullMarked
package io.github.threadleaks.core.internal;

import org.jspecify.annotations.NullMarked;
