package io.github.threadleaks.core.virtual;

import java.time.Duration;

import io.github.threadleaks.core.InvalidSettingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VirtualThreadSettingsTests {

	@Test
	void durationsPrintAsPropertiesAreWritten() {
		assertThat(VirtualThreadSettings.defaults())
			.hasToString("VirtualThreadSettings[enabled=true, interval=30s, maxSampleTime=1s, maxInterval=5m, "
					+ "maxThreads=100000]");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> VirtualThreadSettings.builder().maxInterval(Duration.ofSeconds(10)).build())
			.withMessage("virtual-threads.max-interval must be at least virtual-threads.interval (30s) but was 10s");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> VirtualThreadSettings.builder().interval(Duration.ofMillis(500)))
			.withMessage("virtual-threads.interval must be at least 1s but was 500ms");
	}

	@Test
	void virtualThreadSettingsToBuilderKeepsEverySetting() {
		VirtualThreadSettings changed = VirtualThreadSettings.builder()
			.enabled(false)
			.interval(Duration.ofSeconds(2))
			.maxSampleTime(Duration.ofMillis(3))
			.maxInterval(Duration.ofSeconds(4))
			.maxThreads(5)
			.build();
		assertThat(changed.toBuilder().build()).hasToString(changed.toString())
			.hasToString("VirtualThreadSettings[enabled=false, interval=2s, maxSampleTime=3ms, maxInterval=4s, "
					+ "maxThreads=5]");
	}

}
