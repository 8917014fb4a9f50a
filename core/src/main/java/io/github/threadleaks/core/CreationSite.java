package io.github.threadleaks.core;

import java.util.List;

/**
 * One place that started members of a stack group, with how many of its members it
 * started: Go's {@code created by} line.
 *
 * @param site the first frame of the code that started them
 * ({@code com.example.Orders.submit(line 42)}), or a parenthesized note where it is not
 * known
 * @param frames the starter's frames, top first, from {@code site} on; empty where the
 * site is not known
 * @param threads how many of the group's members were started here
 * @since 0.1.0
 */
public record CreationSite(String site, List<String> frames, int threads) {

	public CreationSite {
		frames = List.copyOf(frames);
	}

	static CreationSite of(ThreadOrigin origin, int threads) {
		return new CreationSite(origin.site(), origin.frames(), threads);
	}

}
