package io.github.threadleaks.sample.virtual;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Virtual threads (JDK 21+): {@code POST /virtual-threads/leak?requests=N} leaks 2
 * virtual threads per request in {@code SynchronousQueue.put},
 * {@code DELETE /virtual-threads/leak} releases them, and
 * {@code POST /virtual-threads/requests?size=N} serves N requests on a virtual thread
 * each, a benign workload. Before JDK 21 each answers 501 with a problem detail saying
 * so.
 */
@RestController
@RequestMapping("/virtual-threads")
class VirtualThreadController {

	/** The most requests one call may stand for. */
	static final int MAX_REQUESTS_PER_CALL = 10_000;

	private final VirtualForgottenSender leak;

	private final VirtualThreadPerRequest workload;

	VirtualThreadController(VirtualForgottenSender leak, VirtualThreadPerRequest workload) {
		this.leak = leak;
		this.workload = workload;
	}

	@PostMapping("/leak")
	Leaked leak(@RequestParam(defaultValue = "1") int requests) throws InterruptedException {
		return new Leaked(this.leak.leak(checked("requests", requests)));
	}

	@DeleteMapping("/leak")
	Released release() throws InterruptedException {
		return new Released(this.leak.release());
	}

	@PostMapping("/requests")
	Served serve(@RequestParam(defaultValue = "100") int size) throws InterruptedException {
		return new Served(this.workload.serve(checked("size", size)));
	}

	@ExceptionHandler
	ProblemDetail capExceeded(IllegalStateException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	private static int checked(String name, int value) {
		if (value < 1 || value > MAX_REQUESTS_PER_CALL) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					name + " must be between 1 and " + MAX_REQUESTS_PER_CALL + ", but was " + value);
		}
		return value;
	}

	/** How many virtual threads the leak holds. */
	record Leaked(int leaked) {
	}

	/** How many leaked virtual threads a release ended. */
	record Released(int released) {
	}

	/** How many requests the workload has served in all. */
	record Served(long served) {
	}

}
