package dev.applog.bench;

import dev.applog.AppLog;
import dev.applog.lambda.LambdaLogging;
import dev.applog.lambda.LoggingSettings;

import java.lang.management.ManagementFactory;

/**
 * One cold start, run as its own JVM by {@link ColdStartHarness}: the first invocation of a handler that is bare,
 * that logs 10 events through applog ({@code LambdaLogging.handle}, what {@code @AppLogging} runs, stored before it
 * returns) or through Powertools Logging v2 (SLF4J + log4j2 JSON on stdout). Prints {@code response: ...} as soon as
 * the handler has returned, then the number of classes loaded (the management classes that count them add the
 * same few to every variant).
 */
public final class ColdStartMain {

    private ColdStartMain() {
    }

    public static void main(String[] args) {
        String variant = args[0];
        String response = switch (variant) {
            case "bare" -> handle();
            case "applog" -> LambdaLogging.handle(LoggingSettings.builder().group(BenchSetup.GROUP).stream("coldstart").build(),
                    null, () -> {
                        for (int i = 0; i < 10; i++) {
                            AppLog.current().info(BenchSetup.MESSAGE);
                        }
                        return handle();
                    });
            case "powertools" -> {
                org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(ColdStartMain.class);
                for (int i = 0; i < 10; i++) {
                    logger.info(BenchSetup.MESSAGE);
                }
                yield handle();
            }
            default -> throw new IllegalArgumentException("variant '" + variant + "' is unknown: bare, applog or powertools");
        };
        System.out.println("response: " + response);
        System.out.println("classes: " + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        System.exit(0);
    }

    private static String handle() {
        return "{\"status\":\"ok\"}";
    }
}
