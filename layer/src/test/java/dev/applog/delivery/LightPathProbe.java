package dev.applog.delivery;

import dev.applog.AppLogger;
import dev.applog.AppLoggers;
import java.time.Duration;
import java.util.List;

/**
 * Runs the light transport's paths in a JVM whose class path is the base layer's jars alone ({@code LayerSplitIT}),
 * so that a class the base leaves to the add-on, if the light path needed it, fails here. In the transport's package to reach
 * the transport's endpoint resolution, which is what the transport calls.
 * <ul>
 *   <li>{@code endpoints}: the endpoint of a region of each partition, plain, FIPS, dual-stack and both;</li>
 *   <li>{@code log GROUP STREAM N}: N events through a cloud-watch logger (the endpoint, region and credentials from
 *       the environment), then the purge's answer.</li>
 * </ul>
 */
public final class LightPathProbe {

    private LightPathProbe() { }

    public static void main(String[] args) {
        if (args[0].equals("endpoints")) {
            for (String region : List.of("us-east-1", "eu-central-1", "cn-north-1", "cn-northwest-1", "us-gov-west-1",
                    "us-gov-east-1")) {
                for (boolean fips : new boolean[] {false, true}) {
                    for (boolean dualStack : new boolean[] {false, true}) {
                        System.out.println(region + " fips=" + fips + " dualstack=" + dualStack + " -> "
                                + LightLogsTransport.endpoint(name -> null, region, fips, dualStack));
                    }
                }
            }
            return;
        }
        AppLogger log = AppLoggers.fromJson("{\"logging\": {\"class\": \"cloud-watch\", \"level\": \"INFO\","
                + " \"cloud-watch\": {\"group\": \"" + args[1] + "\", \"stream\": \"" + args[2]
                + "\", \"format\": \"#short\"}}}");
        int count = Integer.parseInt(args[3]);
        for (int i = 0; i < count; i++) {
            log.info("probe event " + i);
        }
        System.out.println("purge stored everything: " + log.purge(Duration.ofSeconds(20)));
    }
}
