package io.github.threadleaks.reachability;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One group's question about a heap dump just taken, with what the JVM's census said
 * around it: everything an analysis needs, so that it can run in another process.
 *
 * @param group the group's id
 * @param members the ids of the group's threads
 * @param blocked the threads blocked without a timeout throughout the dump, by id
 * @param file the heap dump
 * @param dumpMillis how long the dump took
 */
record AnalysisRequest(String group, List<Long> members, Map<Long, BlockedThread> blocked, Path file, long dumpMillis) {

	/** Reads the dump and answers, in this JVM. */
	ReachabilityVerdict analyzeHere() throws IOException {
		long bytes = Files.size(this.file);
		long start = System.nanoTime();
		try (HeapDump dump = HeapDump.open(this.file)) {
			WakeFixpoint.Result result = WakeFixpoint.run(dump, this.blocked);
			return GroupVerdicts.of(this.group, this.members, result, bytes, this.dumpMillis,
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		}
	}

	void write(DataOutputStream out) throws IOException {
		out.writeUTF(this.group);
		out.writeUTF(this.file.toString());
		out.writeLong(this.dumpMillis);
		out.writeInt(this.members.size());
		for (long member : this.members) {
			out.writeLong(member);
		}
		out.writeInt(this.blocked.size());
		for (BlockedThread thread : this.blocked.values()) {
			out.writeLong(thread.id());
			out.writeUTF(thread.state().name());
			out.writeUTF((thread.lockClass() != null) ? thread.lockClass() : "");
			out.writeLong(thread.waitedCount());
			out.writeLong(thread.blockedCount());
		}
		out.flush();
	}

	static AnalysisRequest read(DataInputStream in) throws IOException {
		String group = in.readUTF();
		Path file = Path.of(in.readUTF());
		long dumpMillis = in.readLong();
		List<Long> members = new ArrayList<>();
		for (int i = in.readInt(); i > 0; i--) {
			members.add(in.readLong());
		}
		Map<Long, BlockedThread> blocked = new LinkedHashMap<>();
		for (int i = in.readInt(); i > 0; i--) {
			long id = in.readLong();
			Thread.State state = Thread.State.valueOf(in.readUTF());
			String lockClass = in.readUTF();
			blocked.put(id,
					new BlockedThread(id, state, lockClass.isEmpty() ? null : lockClass, in.readLong(), in.readLong()));
		}
		return new AnalysisRequest(group, members, blocked, file, dumpMillis);
	}

}
