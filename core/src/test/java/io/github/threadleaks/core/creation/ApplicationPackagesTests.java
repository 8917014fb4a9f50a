package io.github.threadleaks.core.creation;

import java.util.List;

import io.github.threadleaks.core.InvalidSettingException;
import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.SyntheticThreadSource;
import io.github.threadleaks.core.ThreadOrigin;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The application's own frame first in a creation site, on starter stacks written out as
 * JFR records them (the JDK's thread-starting frames on top). Frames are made up: what is
 * judged is only the order of their classes.
 */
class ApplicationPackagesTests {

	/**
	 * A Netty event loop group made per request in a Spring MVC controller, served by
	 * Tomcat.
	 */
	private static final List<StackFrame> NETTY_PER_REQUEST = frames("java.lang.Thread.start",
			"io.netty.util.concurrent.ThreadPerTaskExecutor.execute",
			"io.netty.util.internal.ThreadExecutorMap$1.execute",
			"io.netty.util.concurrent.SingleThreadEventExecutor.doStartThread",
			"io.netty.util.concurrent.SingleThreadEventExecutor.execute", "com.acme.orders.OrderClient.fetch",
			"com.acme.orders.OrderController.order", "jdk.internal.reflect.DirectMethodHandleAccessor.invoke",
			"org.springframework.web.method.support.InvocableHandlerMethod.doInvoke",
			"org.springframework.web.servlet.DispatcherServlet.doDispatch",
			"org.apache.catalina.core.ApplicationFilterChain.doFilter",
			"org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker.run", "java.lang.Thread.run");

	/** An executor made and used by the application's own method in a JUnit test. */
	private static final List<StackFrame> POOL_IN_A_TEST = frames("java.lang.Thread.start",
			"java.util.concurrent.ThreadPoolExecutor.addWorker", "java.util.concurrent.ThreadPoolExecutor.execute",
			"com.acme.billing.Invoices.sendAll", "com.acme.billing.InvoicesTests.sendsAll",
			"jdk.internal.reflect.DirectMethodHandleAccessor.invoke",
			"org.junit.platform.commons.util.ReflectionUtils.invokeMethod",
			"org.junit.jupiter.engine.execution.MethodInvocation.proceed",
			"org.junit.platform.engine.support.hierarchical.NodeTestTask.execute");

	@Test
	void withPackagesTheFirstFrameInThemComesFirstThenTheLibrarysFrame() {
		ThreadOrigin origin = ApplicationPackages.of(List.of("com.acme")).originOf(NETTY_PER_REQUEST);
		assertThat(origin.site()).isEqualTo("com.acme.orders.OrderClient.fetch(line 1) via "
				+ "io.netty.util.concurrent.ThreadPerTaskExecutor.execute(line 1)");
		assertThat(origin.frames()).first().isEqualTo("io.netty.util.concurrent.ThreadPerTaskExecutor.execute(line 1)");
		assertThat(origin.frames()).contains("com.acme.orders.OrderController.order(line 1)");
	}

	@Test
	void withPackagesAThreadStartedByTheApplicationItselfHasNoVia() {
		assertThat(ApplicationPackages.of(List.of("com.acme.billing")).originOf(POOL_IN_A_TEST).site())
			.isEqualTo("com.acme.billing.Invoices.sendAll(line 1)");
	}

	@Test
	void withPackagesThatNoFrameIsInTheFirstFramePastTheJdkStands() {
		assertThat(ApplicationPackages.of(List.of("org.example")).originOf(NETTY_PER_REQUEST).site())
			.isEqualTo("io.netty.util.concurrent.ThreadPerTaskExecutor.execute(line 1)");
	}

	@Test
	void withoutPackagesTheFirstFramePastTheJdkStands() {
		assertThat(ApplicationPackages.UNKNOWN.originOf(NETTY_PER_REQUEST).site())
			.isEqualTo("io.netty.util.concurrent.ThreadPerTaskExecutor.execute(line 1)");
		assertThat(ApplicationPackages.UNKNOWN.originOf(POOL_IN_A_TEST).site())
			.isEqualTo("com.acme.billing.Invoices.sendAll(line 1)");
	}

	@Test
	void onlyJdkFramesHaveNoOriginHere() {
		assertThat(ApplicationPackages.UNKNOWN
			.originOf(frames("java.lang.Thread.start", "jdk.internal.net.http.HttpClientImpl.start"))).isNull();
	}

	@Test
	void rejectsWhatIsNotAPackageNameNamingTheProperty() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> ApplicationPackages.of(List.of("com.acme", "com.acme.*")))
			.satisfies((ex) -> {
				assertThat(ex.setting()).isEqualTo("creation-site.application-packages[1]");
				assertThat(ex.allowed()).isEqualTo("a package name such as com.example.orders");
			});
		assertThat(ApplicationPackages.of(List.of())).isSameAs(ApplicationPackages.UNKNOWN);
		assertThat(ApplicationPackages.of(List.of("com.acme")).packages()).containsExactly("com.acme");
	}

	private static List<StackFrame> frames(String... qualifiedMethods) {
		return SyntheticThreadSource.frames(qualifiedMethods)
			.stream()
			.map((frame) -> new StackFrame(frame.className(), frame.methodName(), null, 1))
			.toList();
	}

}
