package dev.applog;

import java.time.Duration;

/** Run by {@link EmptyEndpointVariableTest} in a JVM whose environment holds an empty endpoint variable. */
public final class EmptyEndpointVariableMain {

    private EmptyEndpointVariableMain() { }

    public static void main(String[] args) {
        AppLogger log = AppLoggers.create(LoggerConfig.builder().group("/app/empty-endpoint").stream("s").build());
        log.info("delivered although AWS_ENDPOINT_URL_CLOUDWATCH_LOGS is empty");
        System.out.println("stored: " + log.purge(Duration.ofSeconds(20)));
    }
}
