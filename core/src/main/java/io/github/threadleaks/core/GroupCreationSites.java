package io.github.threadleaks.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where a group's members were started, most first, as the creation sites tell. */
final class GroupCreationSites {

	private final CreationSites creationSites;

	GroupCreationSites(CreationSites creationSites) {
		this.creationSites = creationSites;
	}

	CreationSiteTracking tracking() {
		return this.creationSites.tracking();
	}

	/**
	 * Where the group's members were started, most first; a known site is asked once per
	 * thread. Empty while creation sites are not tracked: the report's
	 * {@code creationSiteTracking} says why.
	 */
	List<CreationSite> of(TrackedGroup group) {
		if (this.creationSites == CreationSites.NONE) {
			return List.of();
		}
		// By site, not by whole stack: the same starting line reached along different
		// paths is one site.
		Map<String, SiteCount> counts = new HashMap<>();
		for (TrackedThread member : group.members) {
			ThreadOrigin origin = member.origin;
			if (origin == null) {
				origin = this.creationSites.originOf(member.census.id());
				if (origin.settled()) {
					member.origin = origin;
				}
			}
			if (origin.kind() != ThreadOrigin.Kind.UNTRACKED) {
				counts.computeIfAbsent(origin.site(), (site) -> new SiteCount()).add(origin);
			}
		}
		List<SiteCount> mostFirst = new ArrayList<>(counts.values());
		mostFirst.sort(Comparator.comparingInt((SiteCount count) -> count.threads)
			.reversed()
			.thenComparing((count) -> count.origin.site()));
		List<CreationSite> sites = new ArrayList<>();
		int max = StackGroupReport.MAX_CREATION_SITES;
		for (int i = 0; i < mostFirst.size(); i++) {
			if (i == max - 1 && mostFirst.size() > max) {
				int others = 0;
				for (int j = i; j < mostFirst.size(); j++) {
					others += mostFirst.get(j).threads;
				}
				sites.add(new CreationSite("(" + (mostFirst.size() - i) + " other sites)", List.of(), others));
				break;
			}
			sites.add(CreationSite.of(mostFirst.get(i).origin, mostFirst.get(i).threads));
		}
		return sites;
	}

	/** How many members one site started, and the frames of the first of them. */
	private static final class SiteCount {

		ThreadOrigin origin = ThreadOrigin.UNTRACKED;

		int threads;

		void add(ThreadOrigin added) {
			if (this.threads++ == 0) {
				this.origin = added;
			}
		}

	}

}
