package io.github.threadleaks.core.jfr;

import io.github.threadleaks.core.StackGroupReport;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * What both verdict events carry: the group, as the report has it when the verdict
 * changed. Without a stack trace: the thread that commits is the sampler, not the leak.
 */
@Category("Thread Leaks")
@StackTrace(false)
abstract class VerdictEvent extends Event {

	@Label("Group Id")
	@Description("The stack group's stable short id, as in /actuator/threadleaks/{id}")
	String groupId = "";

	@Label("Name")
	@Description("The normalized thread name, digits folded")
	String name = "";

	@Label("State")
	@Description("The thread state the members share")
	String state = "";

	@Label("Count")
	@Description("How many threads are in the group")
	int count;

	@Label("Growth")
	@Description("How much the count changed over the window")
	int growth;

	@Label("Stuck For")
	@Description("How long the oldest member has sat in this exact place")
	@Timespan(Timespan.MILLISECONDS)
	long stuckFor;

	@Label("Blocked At")
	@Description("The JDK call the members wait in and the application frame that made it")
	String blockedAt = "";

	@Label("Explanation")
	@Description("The verdict in words")
	String explanation = "";

	/** Fills the fields from the group and commits, if a recording wants the event. */
	final void commitFor(StackGroupReport group) {
		if (!shouldCommit()) {
			return;
		}
		this.groupId = group.id();
		this.name = group.name();
		this.state = group.state().name();
		this.count = group.count();
		this.growth = group.growth();
		this.stuckFor = group.stuckForMillis();
		this.blockedAt = group.blockedAt();
		this.explanation = group.explanation();
		commit();
	}

}
