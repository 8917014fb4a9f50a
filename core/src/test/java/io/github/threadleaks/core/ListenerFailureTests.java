package io.github.threadleaks.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listener that throws is counted on every failure and logged at its first only; the
 * other listeners hear every sample. Core logs through {@link System.Logger}, which
 * writes to {@code java.util.logging} where no other logging is installed, as in this
 * module's tests: a handler there sees what is logged.
 */
class ListenerFailureTests {

	private final Logger log = Logger.getLogger(ThreadLeakMonitor.class.getName());

	private final List<LogRecord> logged = new ArrayList<>();

	private final Handler handler = new Handler() {

		@Override
		public void publish(LogRecord record) {
			ListenerFailureTests.this.logged.add(record);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	};

	private final ManualClock clock = new ManualClock();

	@AfterEach
	void removeHandler() {
		this.log.removeHandler(this.handler);
	}

	@Test
	void aThrowingListenerIsCountedEachTimeAndLoggedOnceWhileTheOthersHearEverySample() {
		this.log.addHandler(this.handler);
		ThreadLeakMonitor monitor = new ThreadLeakMonitor(ThreadLeaksSettings.defaults(), new JvmThreadSource(),
				this.clock);
		ThreadLeakListener throwing = new ThreadLeakListener() {

			@Override
			public void sampled(ThreadLeakReport report) {
				throw new IllegalStateException("listener broken");
			}

		};
		List<ThreadLeakReport> heard = new ArrayList<>();
		monitor.addListener(throwing);
		monitor.addListener(new ThreadLeakListener() {

			@Override
			public void sampled(ThreadLeakReport report) {
				heard.add(report);
			}

		});
		for (int i = 0; i < 3; i++) {
			monitor.sample();
			this.clock.advance(Duration.ofSeconds(10));
		}
		assertThat(monitor.listenerFailures()).isEqualTo(3);
		assertThat(heard).hasSize(3);
		assertThat(this.logged).singleElement().satisfies((record) -> {
			assertThat(record.getMessage()).contains(throwing.toString()).contains("counted, not logged");
			assertThat(record.getThrown()).hasMessage("listener broken");
		});
	}

}
