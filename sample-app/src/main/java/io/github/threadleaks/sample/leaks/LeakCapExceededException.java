package io.github.threadleaks.sample.leaks;

/** A request would leak more threads than the sample app allows in all. */
public class LeakCapExceededException extends RuntimeException {

	LeakCapExceededException(int leaked, int wanted, int cap) {
		super("Leaking " + wanted + " more threads would pass the cap of " + cap + " (" + leaked
				+ " leaked now); release some with DELETE /leaks");
	}

}
