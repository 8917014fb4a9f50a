package io.github.threadleaks.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The time of the dump being judged: the engine's clock runs on the dumps' own
 * timestamps.
 */
final class SeriesClock extends Clock {

	private Instant now = Instant.EPOCH;

	void set(Instant now) {
		this.now = now;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("the series clock has no zone but UTC");
	}

}
