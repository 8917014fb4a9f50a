package io.github.threadleaks.autoconfigure;

import java.util.List;

import io.github.threadleaks.autoconfigure.endpoint.StackGroupDetailDescriptor;
import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksDescriptor;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What the engine and the endpoint reach by reflection, for a native image: the JDK 21
 * methods the virtual threads' sources call ({@code Thread.isVirtual()},
 * {@code HotSpotDiagnosticMXBean.dumpThreads}), and the endpoint's answers, which the
 * actuator's JSON mapper reads.
 */
class ThreadLeaksRuntimeHints implements RuntimeHintsRegistrar {

	/** The JDK 21 diagnostic bean that dumps every thread, virtual ones included. */
	static final String DIAGNOSTIC_BEAN = "com.sun.management.HotSpotDiagnosticMXBean";

	/** The format argument of its {@code dumpThreads}. */
	static final String DUMP_FORMAT = DIAGNOSTIC_BEAN + "$ThreadDumpFormat";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		// Named, not referenced: this code is compiled for Java 17.
		hints.reflection()
			.registerType(Thread.class, (type) -> type.withMethod("isVirtual", List.of(), ExecutableMode.INVOKE));
		hints.reflection()
			.registerType(TypeReference.of(DIAGNOSTIC_BEAN), (type) -> type.withMethod("dumpThreads",
					List.of(TypeReference.of(String.class), TypeReference.of(DUMP_FORMAT)), ExecutableMode.INVOKE));
		// Enum.valueOf reads the constants through the enum's values() method.
		hints.reflection()
			.registerType(TypeReference.of(DUMP_FORMAT),
					(type) -> type.withMethod("values", List.of(), ExecutableMode.INVOKE));
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), ThreadLeaksDescriptor.class,
				StackGroupDetailDescriptor.class);
	}

}
