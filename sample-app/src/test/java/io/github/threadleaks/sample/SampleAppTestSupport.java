package io.github.threadleaks.sample;

import io.github.threadleaks.core.ThreadLeakMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The base of every test of the running sample app: one shared context
 * ({@link SampleAppTest}), reached through {@link #app}, reset before and after each test
 * so that none sees another's threads.
 */
@SampleAppTest
abstract class SampleAppTestSupport {

	/** The running app; one client per test class. */
	static RunningSampleApp app;

	@LocalServerPort
	private int port;

	@Autowired
	private ThreadLeakMonitor monitor;

	@BeforeEach
	void startClean() {
		if (app == null) {
			app = new RunningSampleApp(this.port, this.monitor);
		}
		app.reset();
	}

	@AfterEach
	void leaveClean() {
		app.reset();
	}

	@AfterAll
	static void closeClient() {
		if (app != null) {
			app.close();
			app = null;
		}
	}

}
