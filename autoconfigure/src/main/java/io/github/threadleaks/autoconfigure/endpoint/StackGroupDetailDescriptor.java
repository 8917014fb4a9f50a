package io.github.threadleaks.autoconfigure.endpoint;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.github.threadleaks.core.GroupDetail;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * One stack group with its member threads, as {@code /actuator/threadleaks/{id}} shows
 * it: the group's fields and a {@code threads} array, in one flat object.
 *
 * @param group the group
 * @param threads its members, longest stuck first, at most
 * {@value GroupDetail#MAX_THREADS}
 * @param omittedThreads how many further members were left out of {@code threads}, 0 if
 * none
 * @since 0.1.0
 */
public record StackGroupDetailDescriptor(@JsonUnwrapped StackGroupDescriptor group,
		List<MemberThreadDescriptor> threads, int omittedThreads) implements OperationResponseBody {

	static StackGroupDetailDescriptor of(GroupDetail detail) {
		return new StackGroupDetailDescriptor(StackGroupDescriptor.of(detail.group()),
				detail.threads().stream().map(MemberThreadDescriptor::of).toList(), detail.omittedThreads());
	}

}
