package io.github.threadleaks.core.creation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.core.StackFrame;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.StackTrace;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

/**
 * JFR's {@code jdk.ThreadStart} (with the starter's stack) and {@code jdk.ThreadEnd}
 * events, streamed in-process by a {@link RecordingStream}. The recording keeps at most a
 * minute of data on disk: the stream needs none of it once delivered. A recording the
 * user runs at the same time is left as it is.
 */
final class JfrThreadStartEvents implements ThreadStartEvents {

	private static final String THREAD_START = "jdk.ThreadStart";

	private static final String THREAD_END = "jdk.ThreadEnd";

	private final RecordingStream stream;

	private final Set<Long> recordingsBefore;

	private final CountDownLatch recording = new CountDownLatch(1);

	private JfrThreadStartEvents(RecordingStream stream, Set<Long> recordingsBefore) {
		this.stream = stream;
		this.recordingsBefore = recordingsBefore;
	}

	/** Opens a stream; nothing is recorded before {@link #run()}. */
	static JfrThreadStartEvents open(Handler handler) {
		Set<Long> recordingsBefore = new HashSet<>();
		for (Recording recording : FlightRecorder.getFlightRecorder().getRecordings()) {
			recordingsBefore.add(recording.getId());
		}
		RecordingStream stream = new RecordingStream();
		try {
			stream.setMaxAge(Duration.ofMinutes(1));
			stream.enable(THREAD_START).withStackTrace();
			stream.enable(THREAD_END);
			stream.enable(CatchUpMarker.class);
			stream.onEvent(THREAD_START, (event) -> started(event, handler));
			stream.onEvent(THREAD_END, (event) -> {
				RecordedThread thread = event.getThread("thread");
				if (thread != null) {
					handler.ended(thread.getJavaThreadId());
				}
			});
			stream.onEvent(CatchUpMarker.NAME, (event) -> handler.marker(event.getLong("token")));
			return new JfrThreadStartEvents(stream, recordingsBefore);
		}
		catch (RuntimeException ex) {
			stream.close();
			throw ex;
		}
	}

	private static void started(RecordedEvent event, Handler handler) {
		RecordedThread thread = event.getThread("thread");
		RecordedStackTrace stack = event.getStackTrace();
		// Virtual threads (JDK 21+) have no start event here; a thread id of -1 is a
		// thread without a Java object.
		if (thread == null || thread.getJavaThreadId() < 0) {
			return;
		}
		List<StackFrame> frames = new ArrayList<>();
		if (stack != null) {
			for (RecordedFrame frame : stack.getFrames()) {
				RecordedMethod method = frame.getMethod();
				if (frame.isJavaFrame() && method != null) {
					// JFR records no source file name: the line number alone is known.
					frames.add(new StackFrame(StackFrame.stableClassName(method.getType().getName()), method.getName(),
							null, frame.getLineNumber()));
				}
			}
		}
		handler.started(thread.getJavaThreadId(), starterId(event, thread.getJavaThreadId()), event.getStartTime(),
				frames);
	}

	/**
	 * The thread that called {@code start()}: the event's {@code parentThread}; the
	 * event's own thread where that field is missing, unless that is the new thread (JDK
	 * 17 writes the event from the new thread). -1 if unknown.
	 */
	private static long starterId(RecordedEvent event, long threadId) {
		RecordedThread starter = event.hasField("parentThread") ? event.getThread("parentThread") : event.getThread();
		if (starter == null || starter.getJavaThreadId() == threadId) {
			return -1;
		}
		return starter.getJavaThreadId();
	}

	@Override
	public void run() {
		this.stream.start();
	}

	/** Waits for a recording not there before {@link #open} to run: the stream's own. */
	@Override
	public boolean awaitRecording(Duration timeout) throws InterruptedException {
		FlightRecorderListener listener = new FlightRecorderListener() {

			@Override
			public void recordingStateChanged(Recording changed) {
				if (changed.getState() == RecordingState.RUNNING && !recordingsBefore(changed)) {
					JfrThreadStartEvents.this.recording.countDown();
				}
			}

		};
		FlightRecorder.addListener(listener);
		try {
			// It may have begun before the listener was added.
			for (Recording running : FlightRecorder.getFlightRecorder().getRecordings()) {
				listener.recordingStateChanged(running);
			}
			return this.recording.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		finally {
			FlightRecorder.removeListener(listener);
		}
	}

	private boolean recordingsBefore(Recording recording) {
		return this.recordingsBefore.contains(recording.getId());
	}

	@Override
	public void commitMarker(long token) {
		CatchUpMarker marker = new CatchUpMarker();
		marker.token = token;
		marker.commit();
	}

	/**
	 * Starting and stopping a recording makes JFR end the current chunk of every
	 * recording, as any recording does.
	 */
	@Override
	public void rotate() {
		try (Recording rotation = new Recording()) {
			rotation.setName("threadleaks chunk rotation");
			rotation.start();
			rotation.stop();
		}
	}

	@Override
	public void close() {
		this.stream.close();
	}

	/**
	 * An event of our own that tells when the stream has delivered everything committed
	 * before it.
	 */
	@Name(CatchUpMarker.NAME)
	@Label("threadleaks catch-up marker")
	@StackTrace(false)
	static final class CatchUpMarker extends Event {

		static final String NAME = "io.github.threadleaks.CatchUpMarker";

		@Label("Token")
		long token;

	}

}
