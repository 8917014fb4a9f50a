package io.github.threadleaks.sample.leaks;

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
 * {@code POST /leaks/{pattern}?requests=N} leaks what N requests of that pattern would;
 * {@code DELETE} releases.
 */
@RestController
@RequestMapping("/leaks")
class LeakController {

	/** The most requests one call may stand for. */
	static final int MAX_REQUESTS_PER_CALL = 1000;

	private final LeakPatterns patterns;

	LeakController(LeakPatterns patterns) {
		this.patterns = patterns;
	}

	@GetMapping
	List<PatternState> list() {
		return this.patterns.all().stream().map(PatternState::of).toList();
	}

	@PostMapping("/{id}")
	PatternState leak(@PathVariable String id, @RequestParam(defaultValue = "1") int requests)
			throws InterruptedException {
		LeakPattern pattern = pattern(id);
		if (requests < 1 || requests > MAX_REQUESTS_PER_CALL) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"requests must be between 1 and " + MAX_REQUESTS_PER_CALL + ", but was " + requests);
		}
		this.patterns.leak(pattern, requests);
		return PatternState.of(pattern);
	}

	@DeleteMapping("/{id}")
	Released release(@PathVariable String id) {
		return new Released(this.patterns.release(pattern(id)));
	}

	@DeleteMapping
	Released releaseAll() {
		return new Released(this.patterns.releaseAll());
	}

	@ExceptionHandler
	ProblemDetail capExceeded(LeakCapExceededException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	private LeakPattern pattern(String id) {
		LeakPattern pattern = this.patterns.find(id);
		if (pattern == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No leak pattern '" + id + "'; GET /leaks lists them");
		}
		return pattern;
	}

	/** A pattern and the threads it holds leaked. */
	record PatternState(String id, String description, int threadsPerRequest, int leaked) {

		static PatternState of(LeakPattern pattern) {
			return new PatternState(pattern.id(), pattern.description(), pattern.threadsPerRequest(), pattern.leaked());
		}

	}

	/** How many threads a release ended. */
	record Released(int released) {
	}

}
