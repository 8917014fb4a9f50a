package io.github.threadleaks.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks an example test class: it leaks on purpose and is run only by the extension's own
 * tests, through EngineTestKit. Surefire leaves the tag out; any other runner (an IDE
 * running a package) finds it disabled.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(LeakExample.TAG)
@ExtendWith(LeakExample.OnlyFromExtensionTests.class)
@interface LeakExample {

	String TAG = "threadleaks-example";

	/**
	 * The linger of examples that pass once their threads have ended: a pass returns as
	 * soon as they have, so it costs nothing, and it stays below the 60s after which idle
	 * pool threads end by themselves.
	 */
	String LONG_LINGER = "30s";

	/** The configuration parameter that {@link AbstractExtensionTests#run} sets. */
	String RUN_PARAMETER = "threadleaks.examples.run";

	/** Enables an example only where the extension's own tests launched it. */
	final class OnlyFromExtensionTests implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			return context.getConfigurationParameter(LeakExample.RUN_PARAMETER, Boolean::parseBoolean).orElse(false)
					? ConditionEvaluationResult.enabled("launched by the extension's own tests")
					: ConditionEvaluationResult.disabled("an example that leaks on purpose; the extension's own "
							+ "tests run it through EngineTestKit");
		}

	}

}
