package dev.applog.bench;

import dev.applog.local.logs.LocalLogsServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cold start without a Lambda runtime: a new JVM per round runs {@link ColdStartMain}; the time is from starting
 * the process to reading its {@code response:} line. Same classpath and JVM options for every variant.
 */
final class ColdStartHarness {

    record Result(String variant, int rounds, double medianMs, long classes) {
    }

    private ColdStartHarness() {
    }

    /**
     * The classpath without Powertools and log4j, for the bare and applog handlers: Powertools' jar registers a
     * global AWS SDK execution interceptor (Log4jUserAgentInterceptor) that every SDK client in the JVM would
     * load, and a function using applog alone does not have it. SLF4J's API stays (the SDK logs through it);
     * with no provider it logs nowhere, as the layer's slf4j-nop does.
     */
    static String withoutPowertools(String classpath) {
        StringBuilder kept = new StringBuilder();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("powertools-") || name.startsWith("log4j-")) {
                continue;
            }
            kept.append(kept.length() == 0 ? "" : java.io.File.pathSeparator).append(entry);
        }
        return kept.toString();
    }

    static List<Result> run(LocalLogsServer server, int rounds, String... variants) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        List<Result> results = new ArrayList<>();
        for (String variant : variants) {
            String variantClasspath = variant.equals("powertools") ? classpath : withoutPowertools(classpath);
            double[] times = new double[rounds];
            long classes = 0;
            for (int round = 0; round < rounds; round++) {
                long storedBefore = server.eventsReceived();
                ProcessBuilder builder = new ProcessBuilder(java, "-cp", variantClasspath, ColdStartMain.class.getName(), variant)
                        .redirectErrorStream(true);
                Map<String, String> env = builder.environment();
                env.put("AWS_REGION", "us-east-1");
                env.put("AWS_ACCESS_KEY_ID", "bench");
                env.put("AWS_SECRET_ACCESS_KEY", "bench");
                env.put("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", server.endpoint().toString());
                env.put("AWS_LAMBDA_FUNCTION_NAME", "coldstart");
                long start = System.nanoTime();
                Process process = builder.start();
                double took = -1;
                List<String> output = new ArrayList<>();
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.startsWith("response: ") && took < 0) {
                            took = (System.nanoTime() - start) / 1e6;
                        } else if (line.startsWith("classes: ")) {
                            classes = Long.parseLong(line.substring("classes: ".length()).trim());
                        } else {
                            output.add(line);
                        }
                    }
                }
                int status = process.waitFor();
                if (status != 0 || took < 0) {
                    throw new IllegalStateException("cold start '" + variant + "' failed (exit " + status + "): " + output);
                }
                if (variant.equals("applog") && server.eventsReceived() - storedBefore != 10) {
                    throw new IllegalStateException("cold start 'applog' stored " + (server.eventsReceived() - storedBefore)
                            + " events, expected 10: " + output);
                }
                times[round] = took;
            }
            results.add(new Result(variant, rounds, ExitCostHarness.median(times), classes));
        }
        return results;
    }
}
