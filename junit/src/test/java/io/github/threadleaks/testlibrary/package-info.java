/**
 * A stand-in for a third-party library, outside the packages of the extension's example
 * tests.
 */
@NullMarked
package io.github.threadleaks.testlibrary;

import org.jspecify.annotations.NullMarked;
