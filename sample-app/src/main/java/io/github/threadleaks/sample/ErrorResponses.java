package io.github.threadleaks.sample;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Answers every request the sample app turns down with a problem detail
 * ({@code application/problem+json}) whose {@code detail} says what was wrong, rather
 * than Boot's error page, which leaves the message out.
 */
@RestControllerAdvice
class ErrorResponses {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> rejected(ResponseStatusException ex) {
		return ResponseEntity.status(ex.getStatusCode()).body(ex.getBody());
	}

	@ExceptionHandler
	ProblemDetail notANumber(MethodArgumentTypeMismatchException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				ex.getName() + " must be a whole number, but was '" + ex.getValue() + "'");
	}

}
