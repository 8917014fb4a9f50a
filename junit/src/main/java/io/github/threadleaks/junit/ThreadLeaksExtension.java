package io.github.threadleaks.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.threadleaks.core.IgnoreRules;
import io.github.threadleaks.junit.VerifyNoThreadLeaks.Scope;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link VerifyNoThreadLeaks}: takes the live threads
 * before each test (or before the test class) and fails the test if threads started since
 * are still alive after it and its linger.
 *
 * <p>
 * Registered by {@code @VerifyNoThreadLeaks}, it is configured by annotations and
 * configuration parameters. Registered with {@code @RegisterExtension} from
 * {@link #builder()}, its own settings apply to the whole class, annotations add to them,
 * and it takes over from an annotation-registered one. With {@link Scope#CLASS} the field
 * must be static, since JUnit calls before-all callbacks only on extensions held in
 * static fields.
 *
 * <p>
 * With {@code junit.jupiter.extensions.autodetection.enabled=true} JUnit registers it for
 * every test class, from this jar's {@code META-INF/services} entry: each test is checked
 * as if its class were annotated, and the run ends with one summary of its leaks on
 * standard output.
 *
 * <p>
 * With {@code junit.jupiter.execution.parallel.enabled=true}, a test that JUnit runs
 * alone is checked as in a serial run; a test that ran beside others is failed only for
 * the threads it started (itself, or threads it started, transitively), known from JFR's
 * thread start events. Threads no test started are noted in the run's summary, never
 * blamed.
 *
 * @since 0.1.0
 */
public final class ThreadLeaksExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private static final String CLASS_CHECK = "class-check";

	private static final String TEST_CHECK = "test-check";

	private static final String LIFECYCLE = "lifecycle";

	/**
	 * Settings given to the builder; {@code null} for the instance
	 * {@code @VerifyNoThreadLeaks} registers.
	 */
	private final @Nullable CheckOptions registered;

	private final Scope registeredScope;

	/**
	 * The extension as {@link VerifyNoThreadLeaks} registers it: annotations and
	 * configuration parameters alone.
	 */
	public ThreadLeaksExtension() {
		this.registered = null;
		this.registeredScope = Scope.TEST;
	}

	private ThreadLeaksExtension(CheckOptions registered, Scope scope) {
		this.registered = registered;
		this.registeredScope = scope;
	}

	/** A builder for an extension to register with {@code @RegisterExtension}. */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (defersToRegistered(context) || store(context).get(CLASS_CHECK) != null) {
			// An enclosing class checked as a whole covers its nested classes.
			return;
		}
		boolean parallel = TestContexts.mayRunBesideOthers(context);
		if (scope(context) != Scope.CLASS) {
			if (parallel && RunSettings.of(context).sites().tracking()) {
				store(context).put(LIFECYCLE, new Lifecycle(context.getUniqueId(), Attribution
					.enter(RunSettings.of(context).sites().owners(), TestContexts.describe(context), true)));
			}
			return;
		}
		CheckOptions options = classOptions(context);
		RunSettings run = RunSettings.of(context);
		store(context).put(CLASS_CHECK,
				new ClassCheck(context.getUniqueId(),
						LeakCheck.begin(options, run,
								subject(context, TestContexts.describe(context), Optional.empty()), parallel,
								TestContexts.concurrent(context))));
	}

	@Override
	public void afterAll(ExtensionContext context) {
		Lifecycle lifecycle = store(context).get(LIFECYCLE, Lifecycle.class);
		if (lifecycle != null && lifecycle.owner().equals(context.getUniqueId())) {
			lifecycle.attribution().leave();
		}
		ClassCheck check = store(context).get(CLASS_CHECK, ClassCheck.class);
		if (check != null && check.owner().equals(context.getUniqueId())) {
			Optional<ThreadLeakError> leak = check.check().end("test class");
			if (leak.isPresent()) {
				throw leak.get();
			}
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (defersToRegistered(context)) {
			return;
		}
		Optional<VerifyNoThreadLeaks> onMethod = AnnotationSupport.findAnnotation(context.getTestMethod(),
				VerifyNoThreadLeaks.class);
		if (onMethod.isEmpty() && scope(context) == Scope.CLASS) {
			if (store(context).get(CLASS_CHECK) == null) {
				throw new ExtensionConfigurationException(
						"ThreadLeaksExtension with scope CLASS on " + TestContexts.describe(context)
								+ " never saw the class start: register it in a static field, since "
								+ "JUnit calls before-all callbacks only on extensions held in static fields");
			}
			return;
		}
		CheckOptions options = classOptions(context);
		if (onMethod.isPresent()) {
			options = options.with(methodOptions(onMethod.get(), context));
		}
		RunSettings run = RunSettings.of(context);
		store(context).put(TEST_CHECK,
				LeakCheck.begin(options, run, subject(context, TestContexts.describeInvocation(context), onMethod),
						TestContexts.mayRunBesideOthers(context), TestContexts.concurrent(context)));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		// Thrown even when the test failed: JUnit then adds it to the test's failure as a
		// suppressed exception.
		LeakCheck check = store(context).remove(TEST_CHECK, LeakCheck.class);
		if (check != null) {
			Optional<ThreadLeakError> leak = check.end("test");
			if (leak.isPresent()) {
				throw leak.get();
			}
		}
	}

	private Store store(ExtensionContext context) {
		return context.getStore(Namespace.create(ThreadLeaksExtension.class, this));
	}

	/**
	 * Whether this is the instance an annotation registered while the class also
	 * registers one in a field: the registered one alone checks, so that its settings are
	 * never second-guessed by a default instance.
	 */
	private boolean defersToRegistered(ExtensionContext context) {
		if (this.registered != null) {
			return false;
		}
		for (Class<?> type : TestContexts.classes(context)) {
			if (!AnnotationSupport
				.findAnnotatedFields(type, RegisterExtension.class,
						(field) -> ThreadLeaksExtension.class.isAssignableFrom(field.getType()))
				.isEmpty()) {
				return true;
			}
		}
		return false;
	}

	/** The registered scope, or that of the nearest annotated class. */
	private Scope scope(ExtensionContext context) {
		if (this.registered != null) {
			return this.registeredScope;
		}
		Scope scope = Scope.TEST;
		for (Class<?> type : TestContexts.classes(context)) {
			Optional<VerifyNoThreadLeaks> annotation = AnnotationSupport.findAnnotation(type,
					VerifyNoThreadLeaks.class);
			if (annotation.isPresent()) {
				scope = annotation.get().scope();
			}
		}
		return scope;
	}

	/**
	 * The layers for a class: defaults, configuration parameters, the registered
	 * settings, class annotations.
	 */
	private CheckOptions classOptions(ExtensionContext context) {
		CheckOptions options = PlatformProperties.options(context);
		if (this.registered != null) {
			options = options.with(this.registered);
		}
		for (Class<?> type : TestContexts.classes(context)) {
			Optional<VerifyNoThreadLeaks> annotation = AnnotationSupport.findAnnotation(type,
					VerifyNoThreadLeaks.class);
			if (annotation.isPresent()) {
				options = options.with(CheckOptions.of(annotation.get(), type.getName()));
			}
		}
		return options;
	}

	/** What a check of the context is about; {@code where} names it in the summary. */
	private CheckSubject subject(ExtensionContext context, String where, Optional<VerifyNoThreadLeaks> onMethod) {
		return new CheckSubject(where, TestContexts.testClassNames(context),
				TestContexts.activation(context, onMethod, this.registered != null), reachability(context, onMethod));
	}

	/**
	 * Whether a leak's message carries the heap-dump verdicts: the configuration
	 * parameter, or {@code reachability = true} on the method or any enclosing class.
	 */
	private static boolean reachability(ExtensionContext context, Optional<VerifyNoThreadLeaks> onMethod) {
		boolean on = PlatformProperties.reachability(context)
				|| onMethod.map(VerifyNoThreadLeaks::reachability).orElse(false);
		for (Class<?> type : TestContexts.classes(context)) {
			on |= AnnotationSupport.findAnnotation(type, VerifyNoThreadLeaks.class)
				.map(VerifyNoThreadLeaks::reachability)
				.orElse(false);
		}
		return on;
	}

	private static CheckOptions methodOptions(VerifyNoThreadLeaks annotation, ExtensionContext context) {
		if (annotation.scope() != Scope.TEST) {
			throw new ExtensionConfigurationException("@VerifyNoThreadLeaks(scope = " + annotation.scope() + ") on "
					+ TestContexts.describe(context) + ": a method is always checked on its own; put scope = "
					+ annotation.scope() + " on the class");
		}
		return CheckOptions.of(annotation, TestContexts.describe(context));
	}

	/** A class-scope check and the unique id of the class context that started it. */
	private record ClassCheck(String owner, LeakCheck check) {
	}

	/**
	 * The threads a test class's lifecycle methods start while tests run in parallel:
	 * theirs, not a test's; the unique id of the class context that began it.
	 */
	private record Lifecycle(String owner, Attribution attribution) {
	}

	/**
	 * Builds a {@link ThreadLeaksExtension} for {@code @RegisterExtension}; each method
	 * checks its value at once.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private Scope scope = Scope.TEST;

		private @Nullable Duration linger;

		private IgnoreRules ignore = IgnoreRules.NONE;

		private final List<String> ignoredCreatedBy = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Whether each test is checked on its own (the default) or the class as a whole.
		 */
		public Builder scope(Scope scope) {
			this.scope = scope;
			return this;
		}

		/**
		 * How long threads still alive at the end may take to end; from 0 to 10 minutes,
		 * default 1 second.
		 */
		public Builder linger(Duration linger) {
			this.linger = CheckOptions.linger(linger, "ThreadLeaksExtension.builder().linger(...)");
			return this;
		}

		/** Adds regular expressions matched against the whole thread name. */
		public Builder ignoreThreadNames(String... regexes) {
			this.ignore = this.ignore.and(CheckOptions.checked(() -> IgnoreRules
				.threadNames("ThreadLeaksExtension.builder().ignoreThreadNames(...)", List.of(regexes))));
			return this;
		}

		/**
		 * Adds regular expressions matched against a thread's top frame, as
		 * {@code class.method}.
		 */
		public Builder ignoreTopFrames(String... regexes) {
			this.ignore = this.ignore.and(CheckOptions.checked(() -> IgnoreRules
				.topFrames("ThreadLeaksExtension.builder().ignoreTopFrames(...)", List.of(regexes))));
			return this;
		}

		/**
		 * Adds regular expressions matched against every captured frame, as
		 * {@code class.method}.
		 */
		public Builder ignoreAnyFrames(String... regexes) {
			this.ignore = this.ignore.and(CheckOptions.checked(() -> IgnoreRules
				.anyFrames("ThreadLeaksExtension.builder().ignoreAnyFrames(...)", List.of(regexes))));
			return this;
		}

		/**
		 * Adds regular expressions matched against every frame of the code that started a
		 * thread, as {@code class.method}.
		 */
		public Builder ignoreCreatedBy(String... regexes) {
			this.ignoredCreatedBy.addAll(
					CheckOptions.createdBy("ThreadLeaksExtension.builder().ignoreCreatedBy(...)", List.of(regexes)));
			return this;
		}

		public ThreadLeaksExtension build() {
			return new ThreadLeaksExtension(new CheckOptions(this.linger, this.ignore, this.ignoredCreatedBy),
					this.scope);
		}

	}

}
