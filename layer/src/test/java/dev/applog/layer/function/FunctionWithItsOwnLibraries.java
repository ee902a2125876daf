package dev.applog.layer.function;

import dev.applog.AppLogger;
import dev.applog.AppLoggers;
import dev.applog.CloudWatchLogger;
import java.time.Duration;

/**
 * Plays a function that bundles its own, older AWS SDK and Jackson, run by {@code LayerClasspathIT} in a
 * JVM whose classpath puts those jars before the layer's, as Lambda's runtime does. It uses its own
 * libraries, then logs through the layer's logger, and prints what it saw for the test to check.
 */
public final class FunctionWithItsOwnLibraries {

    private FunctionWithItsOwnLibraries() { }

    public static void main(String[] args) throws ReflectiveOperationException {
        int events = Integer.parseInt(args[0]);
        // the function's own libraries: these must stay the bundled versions
        System.out.println("function jackson " + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION);
        // read at run time: the constant would be inlined from the SDK this class was compiled against
        System.out.println("function sdk " + Class.forName("software.amazon.awssdk.core.util.VersionInfo")
                .getField("SDK_VERSION").get(null));

        AppLogger log = AppLoggers.fromJson("{\"logging\": {\"class\": \"cloud-watch\", \"level\": \"INFO\","
                + " \"cloud-watch\": {\"group\": \"/app/layer-mix\", \"stream\": \"mix\", \"format\": \"#json\"}}}");
        for (int i = 0; i < events; i++) {
            log.info("{\"event\": " + i + "}");
        }
        boolean stored = log.purge(Duration.ofSeconds(20));
        System.out.println("purge stored everything: " + stored);
        if (log instanceof CloudWatchLogger) {
            System.out.println("stats " + ((CloudWatchLogger) log).stats());
        }
    }
}
