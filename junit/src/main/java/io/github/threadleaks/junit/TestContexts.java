package io.github.threadleaks.junit;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What the extension reads of a test's context: its classes, names and execution mode.
 */
final class TestContexts {

	private TestContexts() {
	}

	/**
	 * The test class and its enclosing classes, outermost first: the test classes of the
	 * context and its parents (a {@code @Nested} class's context is a child of its
	 * enclosing class's).
	 */
	static List<Class<?>> classes(ExtensionContext context) {
		List<Class<?>> classes = new ArrayList<>();
		for (Optional<ExtensionContext> current = Optional.of(context); current
			.isPresent(); current = current.get().getParent()) {
			Optional<Class<?>> type = current.get().getTestClass();
			if (type.isPresent() && (classes.isEmpty() || classes.get(0) != type.get())) {
				classes.add(0, type.get());
			}
		}
		return classes;
	}

	/**
	 * The names of the test classes, their enclosing classes and their superclasses: the
	 * classes whose frames run the test's own code (an inherited test method runs in its
	 * superclass's frame).
	 */
	static List<String> testClassNames(ExtensionContext context) {
		List<String> names = new ArrayList<>();
		for (Class<?> type : classes(context)) {
			for (Class<?> current = type; current != null
					&& current != Object.class; current = current.getSuperclass()) {
				names.add(current.getName());
			}
		}
		return names;
	}

	static String describe(ExtensionContext context) {
		String type = context.getTestClass().map(Class::getName).orElse(context.getDisplayName());
		Optional<Method> method = context.getTestMethod();
		return method.isPresent() ? type + "#" + method.get().getName() + "()" : type;
	}

	/**
	 * The test, and for one invocation of a parameterized or repeated test its display
	 * name ({@code [2] b}), so that the run's summary counts each invocation.
	 */
	static String describeInvocation(ExtensionContext context) {
		boolean invocation = context.getParent().flatMap(ExtensionContext::getTestMethod).isPresent();
		return invocation ? describe(context) + " " + context.getDisplayName() : describe(context);
	}

	/**
	 * Whether tests may run beside this one: parallel execution is on and the test's
	 * class is not {@link Isolated @Isolated} (JUnit runs an isolated class alone).
	 */
	static boolean mayRunBesideOthers(ExtensionContext context) {
		if (!PlatformProperties.parallelExecution(context)) {
			return false;
		}
		for (Class<?> type : classes(context)) {
			if (AnnotationSupport.isAnnotated(type, Isolated.class)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether JUnit may run the context's test (or class) at the same time as others: it,
	 * or a class that holds it, runs in {@link ExecutionMode#CONCURRENT} mode.
	 */
	static boolean concurrent(ExtensionContext context) {
		for (Optional<ExtensionContext> current = Optional.of(context); current
			.isPresent(); current = current.get().getParent()) {
			if (current.get().getTestClass().isPresent()
					&& current.get().getExecutionMode() == ExecutionMode.CONCURRENT) {
				return true;
			}
		}
		return false;
	}

	/**
	 * How the check was turned on: registered in a field, by our annotation, or else by
	 * JUnit's extension auto-detection.
	 */
	static Activation activation(ExtensionContext context, Optional<VerifyNoThreadLeaks> onMethod, boolean registered) {
		if (registered) {
			return Activation.REGISTERED;
		}
		if (onMethod.isPresent()) {
			return Activation.ANNOTATION;
		}
		for (Class<?> type : classes(context)) {
			if (AnnotationSupport.isAnnotated(type, VerifyNoThreadLeaks.class)) {
				return Activation.ANNOTATION;
			}
		}
		return Activation.AUTO_DETECTION;
	}

}
