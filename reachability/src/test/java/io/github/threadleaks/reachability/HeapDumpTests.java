package io.github.threadleaks.reachability;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The HPROF reader on real heap dumps of this JVM (whichever JDK runs the tests: 17 and
 * 25 are both tested), and on files cut short or made up byte by byte where a dump cannot
 * be made to go wrong.
 */
class HeapDumpTests {

	/** {@code threadStatus} bits: alive, waiting indefinitely, parked. */
	private static final long PARKED = 0x0001 | 0x0010 | 0x0200;

	private final LeakyThreads threads = new LeakyThreads();

	@TempDir
	Path dir;

	@AfterEach
	void release() throws InterruptedException {
		this.threads.release();
	}

	@Test
	void threadsAreReadWithTheirIdNameBlockerAndStatus() throws Exception {
		Thread parked = this.threads.start("naïve-名前", Thread.State.WAITING,
				() -> new CompletableFuture<String>().get());
		Path file = dump();
		try (HeapDump dump = HeapDump.open(file)) {
			HeapThread thread = dump.threads()
				.stream()
				.filter((candidate) -> candidate.id() == parked.getId())
				.findFirst()
				.orElseThrow();
			assertThat(thread.name()).isEqualTo(parked.getName()).contains("naïve-名前");
			assertThat(thread.status() & PARKED).isEqualTo(PARKED);
			assertThat(dump.records().classOf(thread.parkBlocker()))
				.isEqualTo("java.util.concurrent.CompletableFuture$Signaller");
			assertThat(dump.records().describe(thread.objectId())).isEqualTo("java.lang.Thread");
			assertThat(dump.threads()).anyMatch((other) -> other.id() == Thread.currentThread().getId()
					&& other.name().equals(Thread.currentThread().getName()));
		}
	}

	@Test
	void everyIndexedObjectIsFoundByItsIdAndEveryEdgeLeadsToOneOrToAPrimitiveArray() throws Exception {
		Path file = dump();
		try (HeapDump dump = HeapDump.open(file)) {
			ObjectTable objects = dump.objects();
			assertThat(objects.size()).isGreaterThan(10_000);
			int found = 0;
			for (int index = 0; index < objects.size(); index++) {
				assertThat(objects.indexOf(objects.idOf(index))).isEqualTo(index);
				for (int edge = objects.firstEdge(index); edge < objects.endEdge(index); edge++) {
					found += (objects.target(edge) >= 0) ? 1 : 0;
				}
			}
			assertThat(found).isPositive();
			assertThat(objects.indexOf(0)).isEqualTo(-1);
			assertThat(dump.roots()).anyMatch((root) -> root.kind() == HeapRoot.STICKY_CLASS
					&& dump.records().describe(root.id()).startsWith("class java.lang."));
		}
	}

	@Test
	void aTruncatedDumpIsRefusedNamingTheFileAndOffset() throws Exception {
		Path whole = dump();
		Path cut = this.dir.resolve("cut.hprof");
		try (InputStream in = Files.newInputStream(whole)) {
			Files.write(cut, in.readNBytes((int) Math.min(Files.size(whole) / 2, 4 << 20)));
		}
		assertThatExceptionOfType(EOFException.class).isThrownBy(() -> HeapDump.open(cut).close())
			.withMessageStartingWith("Truncated HPROF heap dump: " + cut)
			.withMessageContaining(" at offset ")
			.withMessageEndingWith(" but ends at " + Files.size(cut));
	}

	@Test
	void anUnknownSubRecordIsRefusedNamingTheFileAndOffset() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		DataOutputStream out = header(bytes, 8);
		out.writeByte(0x1C);
		out.writeInt(0);
		out.writeInt(3);
		out.writeByte(0x99);
		out.writeShort(0);
		Path file = Files.write(this.dir.resolve("odd.hprof"), bytes.toByteArray());
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> HeapDump.open(file).close())
			.withMessage("Not a readable HPROF heap dump: " + file
					+ " has an unknown heap dump sub-record tag 0x99 at offset 40");
	}

	@Test
	void aRecordLongerThanTheFileIsRefusedAsTruncated() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		DataOutputStream out = header(bytes, 8);
		out.writeByte(0x1C);
		out.writeInt(0);
		out.writeInt(1_000);
		Path file = Files.write(this.dir.resolve("long.hprof"), bytes.toByteArray());
		assertThatExceptionOfType(EOFException.class).isThrownBy(() -> HeapDump.open(file).close())
			.withMessage("Truncated HPROF heap dump: " + file + " needs 1000 more bytes at offset 40 but ends at 40");
	}

	@Test
	void anIdSizeOtherThanFourOrEightIsRefused() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		header(bytes, 3);
		Path file = Files.write(this.dir.resolve("ids.hprof"), bytes.toByteArray());
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> HeapDump.open(file).close())
			.withMessage("Not a readable HPROF heap dump: " + file
					+ " has an identifier size of 3 bytes (4 or 8 expected) at offset 19");
	}

	@Test
	void aFileWithoutTheHeaderIsRefused() throws Exception {
		Path file = Files.writeString(this.dir.resolve("notes.hprof"), "Just some notes, not a heap dump.");
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> HeapDump.open(file).close())
			.withMessage("Not a readable HPROF heap dump: " + file
					+ " has no HPROF header (\"JAVA PROFILE 1.0.x\") at offset 0");
	}

	private Path dump() throws IOException {
		Path file = this.dir.resolve("heap.hprof");
		HeapDumper.hotSpot().dump(file);
		return file;
	}

	/** An HPROF header (19 bytes, then the id size and a time stamp: 31 bytes). */
	private static DataOutputStream header(ByteArrayOutputStream bytes, int idSize) throws IOException {
		DataOutputStream out = new DataOutputStream(bytes);
		out.write("JAVA PROFILE 1.0.2".getBytes(StandardCharsets.US_ASCII));
		out.writeByte(0);
		out.writeInt(idSize);
		out.writeLong(0);
		return out;
	}

}
