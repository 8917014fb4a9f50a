package io.github.threadleaks.reachability;

import java.io.IOException;

/** Reads a heap dump just taken and answers one group's question, here or elsewhere. */
@FunctionalInterface
interface DumpAnalysis {

	ReachabilityVerdict analyze(AnalysisRequest request) throws IOException;

}
