package io.github.threadleaks.core.jfr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.SynchronousQueue;

import io.github.threadleaks.core.BlockedSenders;
import io.github.threadleaks.core.JvmThreadSource;
import io.github.threadleaks.core.ManualClock;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdict events in a real JFR recording, read back from its file: a real leak
 * (threads blocked for ever in {@link SynchronousQueue#put}) that becomes suspected, then
 * clears when its threads end.
 */
class JfrVerdictEventsTests {

	private static final String PREFIX = "threadleaks-jfr-test-";

	private final BlockedSenders senders = new BlockedSenders(PREFIX);

	private final ManualClock clock = new ManualClock();

	private final ThreadLeakMonitor monitor = new ThreadLeakMonitor(ThreadLeaksSettings.builder()
		.window(5)
		.minGrowth(2)
		.minStillSamples(2)
		// Only this test's threads: the rest of the test JVM comes and goes.
		.ignoredThreadNames(List.of("(?!" + PREFIX + ").*"))
		.build(), new JvmThreadSource(), this.clock);

	@TempDir
	@SuppressWarnings("NullAway.Init")
	Path directory;

	@AfterEach
	void endThreads() {
		this.senders.close();
	}

	@Test
	void eachChangeOfVerdictIsRecorded() throws IOException, InterruptedException {
		this.monitor.addListener(new JfrVerdictEvents());
		List<RecordedEvent> events;
		StackGroupReport suspect;
		// Enabled by default: a recording started with no settings of ours records them.
		try (Recording recording = new Recording()) {
			recording.start();
			suspect = leakUntilSuspected();
			this.senders.release();
			assertThat(sample().suspects()).isEmpty();
			events = eventsOf(recording);
		}
		assertThat(events).extracting((event) -> event.getEventType().getName())
			.containsExactly(JfrVerdictEvents.SUSPECTED, JfrVerdictEvents.CLEARED);
		RecordedEvent suspected = events.get(0);
		assertThat(suspected.getEventType().getCategoryNames()).containsExactly("Thread Leaks");
		assertThat(suspected.getEventType().getLabel()).isEqualTo("Thread Leak Suspected");
		assertThat(suspected.getString("groupId")).isEqualTo(suspect.id());
		assertThat(suspected.getString("name")).isEqualTo(PREFIX + "#");
		assertThat(suspected.getString("state")).isEqualTo("WAITING");
		assertThat(suspected.getInt("count")).isEqualTo(4);
		assertThat(suspected.getInt("growth")).isEqualTo(suspect.growth()).isPositive();
		assertThat(suspected.getDuration("stuckFor")).isEqualTo(Duration.ofMillis(suspect.stuckForMillis()));
		assertThat(suspected.getString("blockedAt")).contains("java.util.concurrent.SynchronousQueue.put");
		assertThat(suspected.getString("explanation")).isEqualTo(suspect.explanation()).isNotBlank();
		assertThat(suspected.getStackTrace()).isNull();
		RecordedEvent cleared = events.get(1);
		assertThat(cleared.getString("groupId")).isEqualTo(suspect.id());
		assertThat(cleared.getEventType().getCategoryNames()).containsExactly("Thread Leaks");
	}

	@Test
	void aRecordingThatDisablesTheEventsGetsNone() throws IOException, InterruptedException {
		this.monitor.addListener(new JfrVerdictEvents());
		try (Recording recording = new Recording()) {
			recording.disable(JfrVerdictEvents.SUSPECTED);
			recording.disable(JfrVerdictEvents.CLEARED);
			recording.start();
			leakUntilSuspected();
			assertThat(eventsOf(recording)).isEmpty();
		}
	}

	private List<RecordedEvent> eventsOf(Recording recording) throws IOException {
		recording.stop();
		Path file = this.directory.resolve("verdicts.jfr");
		recording.dump(file);
		assertThat(Files.size(file)).isPositive();
		return RecordingFile.readAllEvents(file)
			.stream()
			.filter((event) -> event.getEventType().getName().startsWith("io.github.threadleaks."))
			.toList();
	}

	private StackGroupReport leakUntilSuspected() {
		ThreadLeakReport report = sample();
		// Four: the rule needs two members in the group for min-still-samples (2).
		for (int i = 0; i < 4; i++) {
			this.senders.leak(1);
			report = sample();
		}
		assertThat(report.suspects()).hasSize(1);
		return report.suspects().get(0);
	}

	private ThreadLeakReport sample() {
		this.clock.advance(Duration.ofSeconds(1));
		return this.monitor.sample();
	}

}
