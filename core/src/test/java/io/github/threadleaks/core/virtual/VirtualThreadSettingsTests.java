package io.github.threadleaks.core.virtual;

import java.time.Duration;

import io.github.threadleaks.core.InvalidSettingException;
import io.github.threadleaks.core.ThreadLeaksSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VirtualThreadSettingsTests {

	@Test
	void durationsPrintAsPropertiesAreWritten() {
		assertThat(VirtualThreadSettings.defaults()).hasToString(
				"VirtualThreadSettings[enabled=true, interval=sample-interval, maxSampleTime=1s, maxInterval=5m, "
						+ "maxThreads=100000]");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> VirtualThreadSettings.builder()
				.interval(Duration.ofSeconds(30))
				.maxInterval(Duration.ofSeconds(10))
				.build())
			.withMessage("virtual-threads.max-interval must be at least virtual-threads.interval (30s) but was 10s");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> VirtualThreadSettings.builder().interval(Duration.ofMillis(50)))
			.withMessage("virtual-threads.interval must be at least 100ms but was 50ms");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> VirtualThreadSettings.builder().maxInterval(Duration.ofMillis(50)))
			.withMessage("virtual-threads.max-interval must be at least 100ms but was 50ms");
	}

	@Test
	void byDefaultTheVirtualThreadsAreListedAtThePlatformSampleInterval() {
		ThreadLeaksSettings platform = ThreadLeaksSettings.builder().sampleInterval(Duration.ofMillis(500)).build();
		assertThat(VirtualThreadSettings.defaults().interval()).isEmpty();
		assertThat(VirtualThreadSettings.defaults().intervalBeside(platform)).isEqualTo(Duration.ofMillis(500));
		assertThat(VirtualThreadSettings.builder().interval(Duration.ofSeconds(3)).build().intervalBeside(platform))
			.isEqualTo(Duration.ofSeconds(3));
		VirtualThreadMonitor monitor = VirtualThreadMonitor.of(platform, VirtualThreadSettings.defaults());
		assertThat(monitor.status().intervalMillis()).isEqualTo(500);
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
