package io.github.threadleaks.reachability;

/**
 * One step of the path from a root to a blocker.
 *
 * @param reference how the step holds the next object:
 * {@code static field com.acme.Pending.REPLIES}, {@code field ConcurrentHashMap.table},
 * {@code array element [3]}, {@code thread stack of "main"}
 * @param target the class of the object the step reaches
 * @since 0.1.0
 */
public record PathStep(String reference, String target) {

	@Override
	public String toString() {
		return this.reference + " → " + this.target;
	}

}
