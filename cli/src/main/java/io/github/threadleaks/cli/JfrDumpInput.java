package io.github.threadleaks.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;

import io.github.threadleaks.core.dump.FrameText;
import io.github.threadleaks.core.dump.TextThreadDumpReader;
import io.github.threadleaks.core.dump.ThreadDump;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.jspecify.annotations.Nullable;

/**
 * The {@code jdk.ThreadDump} events of a JFR recording as a series of jstack-style dumps,
 * read event by event. The {@code jdk.ThreadStart} and {@code jdk.ThreadEnd} events met
 * on the way, where the recording has them, tell where each thread was started.
 */
final class JfrDumpInput implements DumpInput {

	private static final String THREAD_DUMP = "jdk.ThreadDump";

	private final Path file;

	private final FrameText frames;

	private final RecordedCreationSites sites;

	private @Nullable RecordingFile recording;

	private int dumps;

	JfrDumpInput(Path file, FrameText frames, RecordedCreationSites sites) throws BadInputException {
		this.file = file;
		this.frames = frames;
		this.sites = sites;
		try {
			this.recording = new RecordingFile(file);
		}
		catch (IOException | RuntimeException ex) {
			throw new BadInputException(file, "corrupt JFR recording: " + ex.getMessage());
		}
	}

	@Override
	public Path file() {
		return this.file;
	}

	@Override
	public @Nullable ThreadDump next() throws BadInputException {
		RecordedEvent event = nextDumpEvent();
		if (event == null) {
			return null;
		}
		this.dumps++;
		String where = this.file + " " + THREAD_DUMP + " event at " + event.getStartTime();
		ThreadDump dump;
		try {
			dump = new TextThreadDumpReader(new BufferedReader(new StringReader(event.getString("result"))), where,
					this.frames)
				.next();
		}
		catch (IOException ex) {
			close();
			throw BadInputException.of(this.file, ex);
		}
		if (dump == null) {
			close();
			throw new BadInputException(this.file,
					THREAD_DUMP + " event at " + event.getStartTime() + " holds no thread dump");
		}
		// The event's time is exact; the text's own is to the second.
		return new ThreadDump(event.getStartTime(), null, dump.threads());
	}

	/**
	 * Reads up to the next thread dump event, noting where the threads met on the way
	 * were started.
	 */
	private @Nullable RecordedEvent nextDumpEvent() throws BadInputException {
		RecordingFile events = this.recording;
		if (events == null) {
			return null;
		}
		try {
			while (events.hasMoreEvents()) {
				RecordedEvent event = events.readEvent();
				String type = event.getEventType().getName();
				if (type.equals(THREAD_DUMP)) {
					return event;
				}
				if (type.equals("jdk.ThreadStart")) {
					RecordedThread thread = event.getThread("thread");
					if (thread != null && event.getStackTrace() != null) {
						this.sites.started(thread.getJavaThreadId(), event.getStackTrace());
					}
				}
				else if (type.equals("jdk.ThreadEnd")) {
					RecordedThread thread = event.getThread("thread");
					if (thread != null) {
						this.sites.ended(thread.getJavaThreadId());
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			close();
			throw new BadInputException(this.file,
					"corrupt JFR recording after " + this.dumps + " thread dumps: " + ex.getMessage());
		}
		close();
		if (this.dumps == 0) {
			throw new BadInputException(this.file, "empty recording: no " + THREAD_DUMP
					+ " events (record them with jdk.ThreadDump#enabled=true, e.g. the default settings, or a period)");
		}
		return null;
	}

	@Override
	public void close() {
		RecordingFile events = this.recording;
		this.recording = null;
		if (events != null) {
			try {
				events.close();
			}
			catch (IOException ex) {
				// Read only: nothing is lost.
			}
		}
	}

}
