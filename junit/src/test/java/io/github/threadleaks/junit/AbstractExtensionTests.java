package io.github.threadleaks.junit;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs example classes through EngineTestKit and, after each test, stops every thread the
 * examples started and proves none is left. The tests check themselves with the extension
 * they test.
 */
@VerifyNoThreadLeaks
abstract class AbstractExtensionTests {

	@AfterEach
	void stopExampleThreads() throws InterruptedException {
		assertThat(ExampleThreads.stopAll()).as("what the examples started, still running once stopped").isEmpty();
	}

	/**
	 * Runs one example class with the given configuration parameters ({@code key=value}),
	 * and no implicit ones: neither system properties nor a
	 * {@code junit-platform.properties} file change the outcome.
	 */
	static EngineExecutionResults run(Class<?> example, String... parameters) {
		return run(List.of(example), parameters);
	}

	/** Runs example classes together, as {@link #run(Class, String...)} runs one. */
	static EngineExecutionResults run(List<Class<?>> examples, String... parameters) {
		EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter")
			.selectors(examples.stream().map((example) -> selectClass(example)).toArray(DiscoverySelector[]::new))
			.enableImplicitConfigurationParameters(false)
			.configurationParameter(LeakExample.RUN_PARAMETER, "true");
		for (String parameter : parameters) {
			int equals = parameter.indexOf('=');
			builder.configurationParameter(parameter.substring(0, equals), parameter.substring(equals + 1));
		}
		return builder.execute();
	}

	/** The failure of the one failed test. */
	static Throwable testFailure(EngineExecutionResults results) {
		List<Event> failed = results.testEvents().failed().list();
		assertThat(failed).as("failed tests").hasSize(1);
		return failure(failed.get(0));
	}

	/** The failure of the one failed container (a test class). */
	static Throwable containerFailure(EngineExecutionResults results) {
		List<Event> failed = results.containerEvents().failed().list();
		assertThat(failed).as("failed containers").hasSize(1);
		return failure(failed.get(0));
	}

	private static Throwable failure(Event event) {
		return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
	}

}
