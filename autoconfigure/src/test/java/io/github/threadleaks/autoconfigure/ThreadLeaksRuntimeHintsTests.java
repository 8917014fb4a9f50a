package io.github.threadleaks.autoconfigure;

import java.util.List;

import io.github.threadleaks.autoconfigure.endpoint.MemberThreadDescriptor;
import io.github.threadleaks.autoconfigure.endpoint.StackGroupDescriptor;
import io.github.threadleaks.autoconfigure.endpoint.StackGroupDetailDescriptor;
import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksDescriptor;
import io.github.threadleaks.core.CreationSite;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.ImportRuntimeHints;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native-image hints: what the engine calls by reflection and what the endpoint's
 * JSON reads, registered through the auto-configuration.
 */
class ThreadLeaksRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	ThreadLeaksRuntimeHintsTests() {
		new ThreadLeaksRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void theAutoConfigurationImportsTheHints() {
		assertThat(ThreadLeaksAutoConfiguration.class.getAnnotation(ImportRuntimeHints.class).value())
			.containsExactly(ThreadLeaksRuntimeHints.class);
	}

	@Test
	void theVirtualThreadsReflectiveCallsMayBeInvoked() throws NoSuchMethodException {
		// By name: JDK 17 has no such method to hand the predicate.
		assertThat(this.hints.reflection().getTypeHint(Thread.class).methods())
			.anySatisfy((method) -> assertThat(method.getName()).isEqualTo("isVirtual"));
		if (Runtime.version().feature() >= 21) {
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Thread.class.getMethod("isVirtual")))
				.accepts(this.hints);
		}
		assertThat(
				RuntimeHintsPredicates.reflection().onType(TypeReference.of(ThreadLeaksRuntimeHints.DIAGNOSTIC_BEAN)))
			.accepts(this.hints);
		assertThat(this.hints.reflection()
			.getTypeHint(TypeReference.of(ThreadLeaksRuntimeHints.DIAGNOSTIC_BEAN))
			.methods()).singleElement().satisfies((method) -> {
				assertThat(method.getName()).isEqualTo("dumpThreads");
				assertThat(method.getParameterTypes()).containsExactly(TypeReference.of(String.class),
						TypeReference.of(ThreadLeaksRuntimeHints.DUMP_FORMAT));
				assertThat(method.getMode()).isEqualTo(ExecutableMode.INVOKE);
			});
	}

	@Test
	void theEndpointsAnswersMayBeReadForJson() {
		for (Class<?> type : List.of(ThreadLeaksDescriptor.class, StackGroupDetailDescriptor.class,
				StackGroupDescriptor.class, MemberThreadDescriptor.class, CreationSite.class)) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getSimpleName()).accepts(this.hints);
		}
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ThreadLeaksDescriptor.class, "suspects"))
			.accepts(this.hints);
	}

}
