package io.github.threadleaks.autoconfigure;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Fails start-up when {@code threadleaks.enabled} is set to something other than a
 * boolean. Without it a typo such as {@code threadleaks.enabled=ture} would read as
 * {@code false} and silently switch the monitor off. Always matches otherwise; it runs
 * before the other conditions of the class it guards.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class ValidEnabledPropertyCondition implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		// Binding throws a BindException naming the property and its value when the value
		// is not a boolean.
		Binder.get(context.getEnvironment()).bind("threadleaks.enabled", Boolean.class);
		return true;
	}

}
