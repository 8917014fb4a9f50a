package io.github.threadleaks.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

/**
 * JFR's {@code jdk.ThreadStart} (with the starter's stack) and {@code jdk.ThreadEnd} events, streamed in-process
 * by a {@link RecordingStream}. The recording keeps at most a minute of data on disk: the stream needs none of it
 * once delivered. A recording the user runs at the same time is left as it is.
 */
final class JfrThreadStartEvents implements ThreadStartEvents {

	private static final String THREAD_START = "jdk.ThreadStart";

	private static final String THREAD_END = "jdk.ThreadEnd";

	private final RecordingStream stream;

	private JfrThreadStartEvents(RecordingStream stream) {
		this.stream = stream;
	}

	/** Opens a stream; nothing is recorded before {@link #run()}. */
	static JfrThreadStartEvents open(Handler handler) {
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
			stream.onFlush(handler::flushed);
			return new JfrThreadStartEvents(stream);
		}
		catch (RuntimeException ex) {
			stream.close();
			throw ex;
		}
	}

	private static void started(RecordedEvent event, Handler handler) {
		RecordedThread thread = event.getThread("thread");
		RecordedStackTrace stack = event.getStackTrace();
		// Virtual threads (JDK 21+) have no start event here; a thread id of -1 is a thread without a Java object.
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
		handler.started(thread.getJavaThreadId(), frames);
	}

	@Override
	public void run() {
		this.stream.start();
	}

	@Override
	public void commitMarker(long token) {
		CatchUpMarker marker = new CatchUpMarker();
		marker.token = token;
		marker.commit();
	}

	@Override
	public void close() {
		this.stream.close();
	}

	/** An event of our own that tells when the stream has delivered everything committed before it. */
	@Name(CatchUpMarker.NAME)
	@Label("threadleaks catch-up marker")
	@StackTrace(false)
	static final class CatchUpMarker extends Event {

		static final String NAME = "io.github.threadleaks.CatchUpMarker";

		@Label("Token")
		long token;

	}

}
