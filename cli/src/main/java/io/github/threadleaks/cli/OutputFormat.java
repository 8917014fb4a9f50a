package io.github.threadleaks.cli;

/** How a report is written. */
enum OutputFormat {

	/** Goroutine-profile style text, suspects first. */
	TEXT,

	/** The endpoint's JSON. */
	JSON,

	/** One self-contained HTML page with a chart per group. */
	HTML

}
