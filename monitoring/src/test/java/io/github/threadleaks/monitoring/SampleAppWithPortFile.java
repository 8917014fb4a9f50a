package io.github.threadleaks.monitoring;

import java.io.File;
import java.util.Arrays;

import io.github.threadleaks.sample.SampleApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerPortFileWriter;

/**
 * The sample app's {@code main}, plus a file that receives the port it listens on: the
 * tests start it in a JVM of its own with {@code server.port=0}, and the file tells them
 * when it is up and where.
 */
public final class SampleAppWithPortFile {

	private SampleAppWithPortFile() {
	}

	/**
	 * Runs the sample app.
	 * @param args the port file's path, then the app's own arguments
	 * ({@code --property=value})
	 */
	public static void main(String[] args) {
		if (args.length == 0) {
			throw new IllegalArgumentException("Usage: SampleAppWithPortFile <port file> [--property=value ...]");
		}
		new SpringApplicationBuilder(SampleApplication.class).listeners(new WebServerPortFileWriter(new File(args[0])))
			.run(Arrays.copyOfRange(args, 1, args.length));
	}

}
