package io.github.threadleaks.junit;

import java.util.List;

/**
 * What one check is about.
 *
 * @param where the test or test class, as the run's summary names it
 * @param testClasses the test classes' names: a creation site names their frame first
 * @param activation how the user asked for the check, which a leak's message names
 * @param reachability whether a leak's message carries the heap-dump verdicts
 */
record CheckSubject(String where, List<String> testClasses, Activation activation, boolean reachability) {

}
