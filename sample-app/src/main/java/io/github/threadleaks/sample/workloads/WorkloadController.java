package io.github.threadleaks.sample.workloads;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /workloads/{id}?size=N} runs one round of a benign workload;
 * {@code DELETE /workloads} stops them.
 */
@RestController
@RequestMapping("/workloads")
class WorkloadController {

	private final Workloads workloads;

	WorkloadController(Workloads workloads) {
		this.workloads = workloads;
	}

	@GetMapping
	List<WorkloadState> list() {
		return this.workloads.all().stream().map(WorkloadState::of).toList();
	}

	@PostMapping("/{id}")
	WorkloadState run(@PathVariable String id, @RequestParam(defaultValue = "10") int size)
			throws InterruptedException {
		Workload workload = this.workloads.find(id);
		if (workload == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No workload '" + id + "'; GET /workloads lists them");
		}
		if (size < 1 || size > workload.maxSize()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"size must be between 1 and " + workload.maxSize() + ", but was " + size);
		}
		workload.run(size);
		return WorkloadState.of(workload);
	}

	@DeleteMapping
	List<WorkloadState> stopAll() {
		this.workloads.stopAll();
		return list();
	}

	@ExceptionHandler
	ProblemDetail capExceeded(WorkloadCapExceededException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	/** A workload and the threads it holds. */
	record WorkloadState(String id, String description, int maxSize, int threads) {

		static WorkloadState of(Workload workload) {
			return new WorkloadState(workload.id(), workload.description(), workload.maxSize(), workload.threads());
		}

	}

}
