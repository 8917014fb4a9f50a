/**
 * Creation sites: where each thread was started, from JFR's thread start events, told to
 * the engine through its {@link io.github.threadleaks.core.CreationSites} interface.
 */
@NullMarked
package io.github.threadleaks.core.creation;

import org.jspecify.annotations.NullMarked;
