package io.github.threadleaks.autoconfigure;

import io.github.threadleaks.core.virtual.ContainerThreadSource;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches where the JDK's thread containers cannot be read (the JVM runs without
 * {@value ContainerThreadSource#JVM_FLAG}): only there are the threads Spring starts
 * registered, since the containers list every virtual thread.
 */
final class ThreadContainersClosedCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String reason = ContainerThreadSource.unavailableReason();
		return (reason != null) ? ConditionOutcome.match("the thread containers cannot be read: " + reason)
				: ConditionOutcome.noMatch("the thread containers list every virtual thread");
	}

}
