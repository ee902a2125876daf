package dev.applog.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.local.lambda.FunctionConfig;
import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.lambda.OutputLine;
import dev.applog.local.lambda.ProcessState;
import dev.applog.local.lambda.SamTemplate;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The repository's sample application, as {@code bin/applog-local demo} runs it: template.yaml's functions
 * (their built jars, the layer zip) in the local Lambda, the entry function invoked once per events/order*.json.
 * Every function of the template logs into the one stream; every event each function logged (echoed on its
 * stdout: APPLOG_LEVEL=DEBUG turns the logger's echo on) is stored once the entry function's invocation has ended
 * (the default delivery stores after the response: as demo, the local Lambda returns each invocation, the nested
 * ones too, only once its environment has settled); and each request's correlation id is on the events of every
 * function it went through.
 */
class ApplicationEndToEndTest {

    static final Path ROOT = Path.of(System.getProperty("applog.root", "../..")).toAbsolutePath().normalize();
    static final String ENTRY = System.getProperty("applog.demo.function", "OrderFunction");
    /** The entry function's events, as demo picks them (events/ also holds other functions' and env.json). */
    static final String EVENTS_GLOB = System.getProperty("applog.demo.events", "order*.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSampleApplicationLogsEveryFunctionsEventsIntoTheOneStream() throws Exception {
        SamTemplate template = SamTemplate.load(ROOT.resolve("template.yaml"), Map.of(), "us-east-1", "applog-local");
        Assumptions.assumeTrue(template.functions().containsKey(ENTRY), "template.yaml has no " + ENTRY
                + " yet (the sample application is not in it): nothing to run");
        List<Path> events;
        java.nio.file.PathMatcher matcher = ROOT.getFileSystem().getPathMatcher("glob:" + EVENTS_GLOB);
        try (Stream<Path> files = Files.list(ROOT.resolve("events"))) {
            events = files.filter(f -> matcher.matches(f.getFileName())).sorted().toList();
        }
        assertTrue(events.size() >= 2, "the sample events under events/");
        List<FunctionConfig> functions = new ArrayList<>();
        for (FunctionConfig function : template.functionList()) {
            Map<String, String> environment = new LinkedHashMap<>(function.environment());
            environment.put("APPLOG_LEVEL", "DEBUG");
            functions.add(function.withEnvironment(environment));
        }
        try (LocalLogsServer logs = LocalLogsServer.start();
                LocalLambda lambda = LocalLambda.builder().functions(functions).logsEndpoint(logs.endpoint())
                        .awaitExtensions(true).workDirectory(ShopFunctions.ROOT.resolve("application")).start()) {
            String entryName = template.function(ENTRY).name();
            for (Path event : events) {
                InvocationResult result = lambda.invoke(entryName, Files.readAllBytes(event));
                assertNull(result.functionError(), event + ": " + result.payloadText() + "\n" + lambda.output());
                for (FunctionConfig function : functions) {
                    for (long pid : lambda.pids(function.name())) {
                        assertEquals('T', ProcessState.of(pid), function.name() + " is frozen once the invocation ended");
                    }
                }
                // stored: what every function echoed so far is in the stream
                assertEquals(sorted(echoed(lambda.output())), sorted(stored(logs)), event.toString());
            }
            Map<String, List<String>> streams = logs.streams();
            assertEquals(1, streams.size(), "one application group: " + streams);
            assertEquals(1, streams.values().iterator().next().size(), "one application stream: " + streams);

            Map<String, Set<String>> functionsByCorrelation = new HashMap<>();
            Set<String> functionsSeen = new HashSet<>();
            for (String message : stored(logs)) {
                JsonNode json = JSON.readTree(message);
                String correlation = json.path("correlation_id").asText();
                assertTrue(!correlation.isEmpty(), "every event carries a correlation id: " + message);
                functionsByCorrelation.computeIfAbsent(correlation, c -> new HashSet<>())
                        .add(json.path("function_name").asText());
                functionsSeen.add(json.path("function_name").asText());
            }
            // the inventory logs through SLF4J, the payment's card network through java.util.logging
            Set<String> loggers = new HashSet<>();
            for (String message : stored(logs)) {
                loggers.add(JSON.readTree(message).path("logger").asText());
            }
            assertTrue(loggers.containsAll(Set.of("dev.applog.examples.shop.InventoryHandler",
                    "dev.applog.examples.cards.CardNetwork")), "SLF4J and java.util.logging lines: " + loggers);
            Set<String> allFunctions = new HashSet<>(functions.stream().map(FunctionConfig::name).toList());
            assertEquals(allFunctions, functionsSeen, "every function of the application logged into the stream");
            assertEquals(events.size(), functionsByCorrelation.size(), "one correlation id per request: "
                    + functionsByCorrelation.keySet());
            assertTrue(functionsByCorrelation.values().stream().anyMatch(f -> f.size() > 1),
                    "a request's correlation id joins the functions it went through: " + functionsByCorrelation);
        }
    }

    private static List<String> stored(LocalLogsServer logs) {
        List<String> messages = new ArrayList<>();
        logs.streams().forEach((group, streams) -> streams.forEach(stream ->
                logs.events(group, stream).stream().map(StoredEvent::message).forEach(messages::add)));
        return messages;
    }

    /** The logger's echo: each event's line, as stored, on the function's stdout. */
    private static List<String> echoed(List<OutputLine> output) {
        return output.stream().filter(line -> !line.stderr() && line.text().startsWith("{\"timestamp\""))
                .map(OutputLine::text).toList();
    }

    private static List<String> sorted(List<String> messages) {
        return messages.stream().sorted().toList();
    }
}
