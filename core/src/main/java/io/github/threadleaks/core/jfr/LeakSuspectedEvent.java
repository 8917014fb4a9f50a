package io.github.threadleaks.core.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A stack group became suspected of leaking. */
@Name(LeakSuspectedEvent.NAME)
@Label("Thread Leak Suspected")
@Description("A stack group grew over the window and is suspected of leaking threads")
final class LeakSuspectedEvent extends VerdictEvent {

	static final String NAME = "io.github.threadleaks.LeakSuspected";

}
