package io.github.threadleaks.reachability;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A verdict in bytes, from the child JVM to its parent. */
final class VerdictCodec {

	private VerdictCodec() {
	}

	static void write(ReachabilityVerdict verdict, DataOutputStream out) throws IOException {
		out.writeUTF(verdict.group());
		out.writeUTF(verdict.verdict().name());
		out.writeUTF((verdict.blockerClass() != null) ? verdict.blockerClass() : "");
		out.writeInt(verdict.threads());
		out.writeInt(verdict.path().size());
		for (PathStep step : verdict.path()) {
			out.writeUTF(step.reference());
			out.writeUTF(step.target());
		}
		out.writeLong(verdict.heapDumpBytes());
		out.writeLong(verdict.dumpMillis());
		out.writeLong(verdict.analysisMillis());
		out.writeUTF(verdict.explanation());
	}

	static ReachabilityVerdict read(DataInputStream in) throws IOException {
		String group = in.readUTF();
		Verdict verdict = Verdict.valueOf(in.readUTF());
		String blockerClass = in.readUTF();
		int threads = in.readInt();
		List<PathStep> path = new ArrayList<>();
		for (int i = in.readInt(); i > 0; i--) {
			path.add(new PathStep(in.readUTF(), in.readUTF()));
		}
		return new ReachabilityVerdict(group, verdict, blockerClass.isEmpty() ? null : blockerClass, threads, path,
				in.readLong(), in.readLong(), in.readLong(), in.readUTF());
	}

}
