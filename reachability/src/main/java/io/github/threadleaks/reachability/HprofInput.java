package io.github.threadleaks.reachability;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An HPROF file read front to back in large blocks through positional reads (not a memory
 * map, whose touched pages would count in the process's resident memory), with the file's
 * identifier size. Errors name the file and the offset.
 */
final class HprofInput implements AutoCloseable {

	/** The block a front-to-back pass reads at a time. */
	static final int SEQUENTIAL = 4 << 20;

	/** The block for reading single records here and there. */
	static final int RANDOM = 64 << 10;

	private final Path file;

	private final FileChannel channel;

	private final long size;

	private final ByteBuffer buffer;

	/** The file offset of the buffer's first byte. */
	private long bufferStart;

	private int idSize = 8;

	HprofInput(Path file, int block) throws IOException {
		this.file = file;
		this.buffer = ByteBuffer.allocate(block);
		this.channel = FileChannel.open(file, StandardOpenOption.READ);
		this.size = this.channel.size();
		this.buffer.limit(0);
	}

	long size() {
		return this.size;
	}

	int idSize() {
		return this.idSize;
	}

	void idSize(int idSize) throws IOException {
		if (idSize != 4 && idSize != 8) {
			throw error("an identifier size of " + idSize + " bytes (4 or 8 expected)", position() - 4);
		}
		this.idSize = idSize;
	}

	/** The file offset of the next byte. */
	long position() {
		return this.bufferStart + this.buffer.position();
	}

	boolean atEnd() {
		return position() >= this.size;
	}

	/** Moves to a file offset, reading from there on demand. */
	void seek(long offset) {
		if (offset >= this.bufferStart && offset <= this.bufferStart + this.buffer.limit()) {
			this.buffer.position((int) (offset - this.bufferStart));
		}
		else {
			this.bufferStart = offset;
			this.buffer.position(0).limit(0);
		}
	}

	void skip(long bytes) throws IOException {
		long target = position() + bytes;
		if (target > this.size) {
			throw truncated(position(), bytes);
		}
		seek(target);
	}

	int u1() throws IOException {
		require(1);
		return this.buffer.get() & 0xFF;
	}

	int u2() throws IOException {
		require(2);
		return this.buffer.getShort() & 0xFFFF;
	}

	int u4() throws IOException {
		require(4);
		return this.buffer.getInt();
	}

	long u8() throws IOException {
		require(8);
		return this.buffer.getLong();
	}

	long id() throws IOException {
		require(this.idSize);
		return (this.idSize == 8) ? this.buffer.getLong() : (this.buffer.getInt() & 0xFFFFFFFFL);
	}

	/** An identifier from the bytes just made available by {@link #require}. */
	long idUnchecked() {
		return (this.idSize == 8) ? this.buffer.getLong() : (this.buffer.getInt() & 0xFFFFFFFFL);
	}

	/**
	 * The identifier {@code relative} bytes ahead, made available by {@link #require},
	 * without moving.
	 */
	long idAt(int relative) {
		int at = this.buffer.position() + relative;
		return (this.idSize == 8) ? this.buffer.getLong(at) : (this.buffer.getInt(at) & 0xFFFFFFFFL);
	}

	byte[] bytes(int length) throws IOException {
		byte[] bytes = new byte[length];
		int done = 0;
		while (done < length) {
			require(Math.min(length - done, this.buffer.capacity()));
			int chunk = Math.min(length - done, this.buffer.remaining());
			this.buffer.get(bytes, done, chunk);
			done += chunk;
		}
		return bytes;
	}

	/**
	 * Makes the next {@code bytes} bytes (at most the block size) readable from the
	 * buffer.
	 */
	void require(int bytes) throws IOException {
		if (this.buffer.remaining() >= bytes) {
			return;
		}
		long start = position();
		if (start + bytes > this.size) {
			throw truncated(start, bytes);
		}
		this.buffer.compact();
		this.bufferStart = start;
		while (this.buffer.position() < bytes) {
			int read = this.channel.read(this.buffer, this.bufferStart + this.buffer.position());
			if (read < 0) {
				throw new EOFException(this.file + ": ends before offset " + (start + bytes));
			}
		}
		this.buffer.flip();
	}

	/** A heap dump the reader cannot make sense of: names the file and the offset. */
	IOException error(String found, long offset) {
		return new IOException(
				"Not a readable HPROF heap dump: " + this.file + " has " + found + " at offset " + offset);
	}

	/** A file that ends before the bytes a record needs. */
	EOFException truncated(long offset, long bytes) {
		return new EOFException("Truncated HPROF heap dump: " + this.file + " needs " + bytes + " more bytes at offset "
				+ offset + " but ends at " + this.size);
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
