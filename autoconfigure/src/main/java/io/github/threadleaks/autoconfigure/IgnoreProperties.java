package io.github.threadleaks.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.threadleaks.core.IgnoreRules;

/**
 * Threads to leave out of the samples, by regular expressions that must match the whole
 * text.
 *
 * @since 0.1.0
 */
public class IgnoreProperties {

	/**
	 * Regular expressions matched against each thread's name; matching threads are left
	 * out.
	 */
	private List<String> threadNames = new ArrayList<>();

	/**
	 * Regular expressions matched against each thread's top frame ('class.method');
	 * matching threads are left out.
	 */
	private List<String> topFrames = new ArrayList<>();

	/**
	 * Regular expressions matched against every captured frame ('class.method'); a thread
	 * with any matching frame is left out.
	 */
	private List<String> anyFrames = new ArrayList<>();

	/**
	 * The engine's rules for these properties.
	 * @throws io.github.threadleaks.core.InvalidSettingException naming the property of
	 * an invalid regular expression
	 */
	IgnoreRules toRules() {
		return IgnoreRules.of(this.threadNames, this.topFrames, this.anyFrames);
	}

	public List<String> getThreadNames() {
		return this.threadNames;
	}

	public void setThreadNames(List<String> threadNames) {
		this.threadNames = threadNames;
	}

	public List<String> getTopFrames() {
		return this.topFrames;
	}

	public void setTopFrames(List<String> topFrames) {
		this.topFrames = topFrames;
	}

	public List<String> getAnyFrames() {
		return this.anyFrames;
	}

	public void setAnyFrames(List<String> anyFrames) {
		this.anyFrames = anyFrames;
	}

}
