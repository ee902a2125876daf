package dev.applog;

import dev.applog.delivery.OwnThreads;
import dev.applog.local.logs.LocalLogsServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Run in a JVM of its own by {@link ThreadsAfterCloseTest}: logs through a logger the factory made (the SDK client
 * built by the library, a background send, the age timer), closes it, and prints the names of the live threads
 * that start with {@code applog-} (but the local endpoint's), one per line after {@code THREADS}, then {@code STORED n}.
 */
public final class ThreadsAfterCloseMain {

    public static void main(String[] args) throws Exception {
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
        try (LocalLogsServer server = LocalLogsServer.start()) {
            AppLogger log = AppLoggers.create(LoggerConfig.builder().group("/app/threads").stream("s")
                    .endpoint(server.endpoint()).region("us-east-1").maxBufferedEvents(10)
                    .maxBufferAge(Duration.ofMillis(50)).build());
            AppLogger context = log.withContext(java.util.Map.of("k", "v"));
            for (int i = 0; i < 25; i++) {
                log.info("m" + i);  // 10 per buffer: two background sends
            }
            context.info("from the context logger");
            Thread.sleep(200);  // the age timer sends the tail
            boolean sawThreads = !applogThreads().isEmpty();
            context.close();
            log.close();
            System.out.println("SAW " + sawThreads);
            System.out.println("THREADS");
            applogThreads().forEach(System.out::println);
            System.out.println("STORED " + server.events("/app/threads", "s").size());
        }
    }

    private static List<String> applogThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(OwnThreads.THREAD_PREFIX))
                .filter(name -> !name.startsWith("applog-local-"))  // the local endpoint's, a test tool's
                .sorted().collect(Collectors.toList());
    }
}
