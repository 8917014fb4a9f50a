package io.github.threadleaks.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public types of each of core's packages, listed by hand: adding or removing one
 * fails here, so a change to the API is a decision. Everything else is package-private,
 * or in {@value #INTERNAL}, which is not API.
 */
class PublicApiTests {

	/** The helpers shared by threadleaks' own packages and modules: not API. */
	static final String INTERNAL = "io.github.threadleaks.core.internal";

	/**
	 * The types users need: the monitor, settings, sources, listener and report types.
	 */
	private static final Map<String, Set<String>> PUBLIC_TYPES = Map.of("io.github.threadleaks.core",
			Set.of("BackgroundTask", "CreationSite", "CreationSiteTracking", "CreationSiteTracking.State",
					"CreationSites", "Evidence", "GroupDetail", "InvalidSettingException", "JvmThreadSource",
					"LatestReport", "LeakStatus", "LockReport", "MemberThread", "PrintableText", "SampleFailure",
					"SamplingLoop", "StackFrame", "GroupExplanation", "StackGroupReport", "StackGrouping", "TextReport",
					"ThreadCensus", "ThreadLeakListener", "ThreadLeakMonitor", "ThreadLeakReport",
					"ThreadLeakReport.Builder", "ThreadLeakReportJson", "ThreadLeaksSettings",
					"ThreadLeaksSettings.Builder", "ThreadNames", "ThreadOrigin", "ThreadOrigin.Kind", "ThreadSource",
					"VirtualThreadsReport", "VirtualThreadsReport.Source", "VirtualThreadsReport.Status",
					"IgnoreRules"),
			"io.github.threadleaks.core.creation",
			Set.of("ApplicationPackages", "CreationSiteTracker", "ThreadStartListener"),
			"io.github.threadleaks.core.jfr", Set.of("JfrVerdictEvents"), "io.github.threadleaks.core.dump",
			Set.of("DumpFormatException", "DumpedThread", "FrameText", "JsonThreadDumpReader", "TextThreadDumpReader",
					"ThreadDump"),
			"io.github.threadleaks.core.virtual",
			Set.of("PlatformAndVirtualMonitors", "ContainerThreadSource", "VirtualThreadMonitor",
					"VirtualThreadRegistry", "VirtualThreadRegistry.Registration", "VirtualThreadSettings",
					"VirtualThreadSettings.Builder", "VirtualThreadSource"));

	@Test
	void thePublicTypesAreTheListedOnesEachSayingSince() {
		PublicApi.assertListed(PUBLIC_TYPES);
	}

	@Test
	void theScanSeesPackagePrivateAndInternalTypesAsNotPublic() {
		Map<String, Set<String>> found = PublicApi.publicTypes(Path.of("target/classes"));
		assertThat(found.get("io.github.threadleaks.core")).contains("ThreadLeakMonitor", "ThreadLeaksSettings.Builder")
			.doesNotContain("GroupKey", "ThreadTracker", "ThreadLeakMonitor.Latest");
		assertThat(found).doesNotContainKey(INTERNAL);
	}

	@Test
	void theInternalPackageSaysItIsNotApi() throws IOException {
		Path packageInfo = Path.of("src/main/java", INTERNAL.replace('.', '/'), "package-info.java");
		assertThat(Files.readString(packageInfo)).contains("Not API");
		assertThat(Files.readString(Path.of("../pom.xml"))).contains("<excludePackageNames>" + INTERNAL);
	}

}
