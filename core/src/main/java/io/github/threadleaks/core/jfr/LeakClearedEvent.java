package io.github.threadleaks.core.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A suspected stack group's count fell back, or the group went away. */
@Name(LeakClearedEvent.NAME)
@Label("Thread Leak Cleared")
@Description("A suspected stack group's count fell back, or the group went away")
final class LeakClearedEvent extends VerdictEvent {

	static final String NAME = "io.github.threadleaks.LeakCleared";

}
