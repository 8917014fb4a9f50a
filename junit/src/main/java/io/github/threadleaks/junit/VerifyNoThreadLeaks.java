package io.github.threadleaks.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a test that leaves threads running: threads started during the test that are
 * still alive once it has ended and a short linger has passed. Threads alive before the
 * test are never blamed on it.
 *
 * <p>
 * On a class, every test of the class (and of its {@code @Nested} classes) is checked; on
 * a method, that test. Ignore patterns add up with those of the enclosing annotations, of
 * a {@link ThreadLeaksExtension} registered with {@code @RegisterExtension}, of the
 * {@code threadleaks.junit.*} configuration parameters and with the default list; the
 * most specific {@link #linger()} wins.
 *
 * @since 0.1.0
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ThreadLeaksExtension.class)
public @interface VerifyNoThreadLeaks {

	/**
	 * Whether each test is checked on its own, or the test class as a whole from before
	 * its {@code @BeforeAll} methods to after its {@code @AfterAll} methods. A method is
	 * always checked on its own.
	 */
	Scope scope() default Scope.TEST;

	/**
	 * How long threads still alive at the end may take to end before they count as
	 * leaked: {@code 500ms}, {@code 2s}, {@code 1m} or ISO-8601 ({@code PT2S}), at most
	 * 10 minutes. Empty: the {@code threadleaks.junit.linger} configuration parameter,
	 * else 1 second.
	 */
	String linger() default "";

	/**
	 * Regular expressions matched against the whole thread name; matching threads are
	 * never reported.
	 */
	String[] ignoreThreadNames() default {};

	/**
	 * Regular expressions matched against the top frame of a thread's stack, as
	 * {@code class.method}; matching threads are never reported.
	 */
	String[] ignoreTopFrames() default {};

	/**
	 * Regular expressions matched against every captured frame of a thread's stack, as
	 * {@code class.method}; threads with any matching frame are never reported.
	 */
	String[] ignoreAnyFrames() default {};

	/**
	 * Regular expressions matched against every frame of the code that started a thread
	 * (its creation stack, as {@code class.method}); threads started from a matching
	 * frame are never reported. For a library that starts its helper threads from deep
	 * inside ({@code okhttp3\\.ConnectionPool\\..*}). Needs the creation sites
	 * ({@code threadleaks.junit.creation-site}, on by default).
	 */
	String[] ignoreCreatedBy() default {};

	/**
	 * Whether a leak's failure message also says, from a heap dump, whether anything
	 * could ever wake each leaked group's threads. Needs {@code threadleaks-reachability}
	 * on the test classpath; one heap dump per failing check, none for a passing one. On
	 * here or on an enclosing class, or with the {@code threadleaks.junit.reachability}
	 * configuration parameter.
	 */
	boolean reachability() default false;

	/**
	 * What one check covers.
	 *
	 * @since 0.1.0
	 */
	enum Scope {

		/**
		 * Each test on its own: threads started in a test must end by the end of that
		 * test.
		 */
		TEST,

		/**
		 * The test class as a whole: threads started in the class must end by the end of
		 * the class.
		 */
		CLASS

	}

}
