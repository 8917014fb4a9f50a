package io.github.threadleaks.sample.workloads;

/** A call would make a workload hold more threads than it allows. */
public class WorkloadCapExceededException extends RuntimeException {

	WorkloadCapExceededException(String message) {
		super(message);
	}

}
