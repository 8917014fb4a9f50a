package io.github.threadleaks.core;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SharedFramesTests {

	private final SharedFrames shared = new SharedFrames();

	@Test
	void groupsThatShareFramesShareTheirInstancesAndTexts() {
		GroupKey first = this.shared.share(key("com.example.First.await"));
		GroupKey second = this.shared.share(key("com.example.Second.await"));

		// Frames are walked afresh for every thread, so equal frames arrive as distinct
		// instances.
		assertThat(first.frames().get(0)).isSameAs(second.frames().get(0));
		assertThat(first.frames().get(2)).isNotEqualTo(second.frames().get(2));
		assertThat(this.shared.texts(first).get(1)).isSameAs(this.shared.texts(second).get(1));
		assertThat(this.shared.texts(first)).containsExactly("jdk.internal.misc.Unsafe.park(Synthetic.java:1)",
				"java.util.concurrent.locks.LockSupport.park(Synthetic.java:1)",
				"com.example.First.await(Synthetic.java:1)");
	}

	@Test
	void aSharedKeyEqualsTheKeyItWasMadeFrom() {
		GroupKey key = key("com.example.First.await");

		assertThat(this.shared.share(key)).isEqualTo(key).hasSameHashCodeAs(key);
		assertThat(this.shared.share(key).id()).isEqualTo(key.id());
	}

	@Test
	void framesOfGroupsNoLongerTrackedAreForgottenOnceTheyOutnumberTheRest() {
		ThreadLeaksSettings settings = ThreadLeaksSettings.defaults();
		List<TrackedGroup> tracked = new ArrayList<>();
		for (int i = 0; i < 5000; i++) {
			GroupKey key = this.shared.share(key("com.example.Task" + i + ".run"));
			TrackedGroup group = new TrackedGroup(key, this.shared.texts(key), settings, new LeakRule(settings));
			// Only the latest ten groups stay tracked, as under thread churn.
			tracked.add(group);
			if (tracked.size() > 10) {
				tracked.remove(0);
			}
			this.shared.retainFramesOf(tracked);
			assertThat(this.shared.size()).isLessThanOrEqualTo(2048);
		}
		// Two common frames plus the ten tracked groups' own, right after a rebuild at
		// most twice that.
		assertThat(this.shared.size()).isGreaterThanOrEqualTo(12);
	}

	private static GroupKey key(String ownFrame) {
		return new GroupKey("worker-#", Thread.State.WAITING, SyntheticThreadSource
			.frames("jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.park", ownFrame));
	}

}
