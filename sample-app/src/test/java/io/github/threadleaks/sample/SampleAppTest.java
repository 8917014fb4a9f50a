package io.github.threadleaks.sample;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The sample app running on a random port, with the detector's window and growth small
 * enough for a test to drive in a few samples. The sampler's one-hour interval leaves it
 * only the sample it takes at start: tests take every other sample themselves. The
 * threads of the tests' own HTTP clients (ours, and Selenium's, which talks to
 * chromedriver over HTTP and grows a cached pool as it goes) are not the app's, so they
 * are left out, as a user would leave out an agent's. Every test class uses this one
 * configuration, so Spring starts the app once for all.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "threadleaks.sample-interval=1h", "threadleaks.window=" + SampleAppTest.WINDOW,
				"threadleaks.min-growth=" + SampleAppTest.MIN_GROWTH, "management.endpoint.health.show-details=always",
				"management.endpoint.health.show-components=always",
				"threadleaks.ignore.thread-names=" + SampleAppTest.TEST_CLIENT_THREADS })
public @interface SampleAppTest {

	/** Samples the detector looks back over. */
	int WINDOW = 5;

	/** Threads a group must grow by to be suspected. */
	int MIN_GROWTH = 3;

	/** The names of the test clients' threads, as regular expressions. */
	String TEST_CLIENT_THREADS = "test-http-client,Keep-Alive-Timer,JdkHttpClient-.*,UrlChecker-.*,"
			+ "External Process Output Forwarder.*";

}
