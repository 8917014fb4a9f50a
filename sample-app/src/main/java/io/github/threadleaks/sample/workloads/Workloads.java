package io.github.threadleaks.sample.workloads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** Every benign workload of the sample app; stops them all when the application stops. */
@Component
public class Workloads implements DisposableBean {

	private final Map<String, Workload> workloads = new LinkedHashMap<>();

	public Workloads(SlowTaskBurst slowTaskBurst) {
		for (Workload workload : List.of(new BurstPool(), new ThreadPerTask(), new BurstyCachedPool(), new StablePool(),
				new GrowingPool(), new ChurningThreads(), slowTaskBurst, new SharedScheduler(),
				new SharedWheelTimer())) {
			this.workloads.put(workload.id(), workload);
		}
	}

	public List<Workload> all() {
		return List.copyOf(this.workloads.values());
	}

	public @Nullable Workload find(String id) {
		return this.workloads.get(id);
	}

	public void stopAll() {
		this.workloads.values().forEach(Workload::stop);
	}

	@Override
	public void destroy() {
		stopAll();
	}

}
