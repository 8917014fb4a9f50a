package io.github.threadleaks.core.creation;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

/**
 * Run in a JVM started with {@code -XX:StartFlightRecording}: tracks creation sites
 * beside the user's recording, then stops, and prints what a test checks: the site of a
 * thread it started, and the user's recordings after.
 */
public final class UserRecordingProbe {

	private UserRecordingProbe() {
	}

	public static void main(String[] args) throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		Map<Long, Map<String, String>> settingsBefore = new HashMap<>();
		for (Recording recording : FlightRecorder.getFlightRecorder().getRecordings()) {
			settingsBefore.put(recording.getId(), Map.copyOf(recording.getSettings()));
		}
		try (CreationSiteTracker tracker = new CreationSiteTracker(1000)) {
			tracker.start();
			Thread thread = startFromHere(release);
			// JDK 17 records a thread's start once the thread runs: wait until it has.
			while (thread.getState() != Thread.State.WAITING) {
				Thread.onSpinWait();
			}
			if (!tracker.awaitCatchUp(Duration.ofSeconds(30))) {
				throw new IllegalStateException("the stream did not catch up");
			}
			@SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; this code
												// runs on 17.
			long id = thread.getId();
			System.out.println("site: " + tracker.originOf(id).site());
			release.countDown();
			thread.join();
		}
		for (Recording recording : FlightRecorder.getFlightRecorder().getRecordings()) {
			System.out.println("recording: " + recording.getName() + " " + recording.getState()
					+ ", settings unchanged: " + recording.getSettings().equals(settingsBefore.get(recording.getId())));
		}
	}

	static Thread startFromHere(CountDownLatch release) {
		Thread thread = new Thread(() -> {
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "probe");
		thread.start();
		return thread;
	}

}
