package dev.applog.weaving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.applog.AppLog;
import dev.applog.lambda.LambdaLogging;
import dev.applog.lambda.LoggingSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/**
 * The filter patterns of docs/application.md ("Reading the story in a real account") do what the doc says.
 * The shop's sample story is written through the library itself ({@code #json}, the invocation's context
 * fields, an escaping exception logged at ERROR), each pattern read out of the doc's table is run through
 * the real SDK's FilterLogEvents against the local endpoint, and what it returns must be exactly the events
 * the pattern means (a predicate over the parsed records, kept here) and as many as the doc's table says.
 * A pattern added to the doc without a meaning here fails, and so does a meaning whose pattern left the doc.
 */
class ReadingTheStoryTest {

    static final Path DOC = Path.of("..", "docs", "application.md");
    static final String GROUP = "/app/shop";
    static final LoggingSettings SETTINGS = LoggingSettings.builder()
            .group(GROUP).stream("shop-{date}").level("INFO").format("#json").build();
    static final String ORDER = "applog-shop-order";
    static final String PAYMENT = "applog-shop-payment";
    static final String INVENTORY = "applog-shop-inventory";
    /** The request id of the order function's invocation for o-1001, as the doc's table names it. */
    static final String ORDER_1001_REQUEST = "7d0c1a52-3e8b-4f4e-9a51-2b6f0e1c9d40";

    /** What each documented pattern means, independently of any pattern engine. */
    static final Map<String, Predicate<JsonNode>> MEANINGS = new LinkedHashMap<>();
    static {
        MEANINGS.put("{ $.correlation_id = \"checkout-1001\" }", r -> text(r, "correlation_id").equals("checkout-1001"));
        MEANINGS.put("{ $.level = \"ERROR\" || $.level = \"CRITICAL\" }", r -> levelIn(r, "ERROR", "CRITICAL"));
        MEANINGS.put("{ $.level = \"WARNING\" || $.level = \"ERROR\" || $.level = \"CRITICAL\" }",
                r -> levelIn(r, "WARNING", "ERROR", "CRITICAL"));
        MEANINGS.put("{ $.function_name = \"applog-shop-payment\" && $.level = \"WARNING\" }",
                r -> text(r, "function_name").equals(PAYMENT) && levelIn(r, "WARNING"));
        MEANINGS.put("{ $.function_request_id = \"" + ORDER_1001_REQUEST + "\" }",
                r -> text(r, "function_request_id").equals(ORDER_1001_REQUEST));
        MEANINGS.put("{ $.message = \"order o-1003*\" }", r -> text(r, "message").startsWith("order o-1003"));
        MEANINGS.put("\"o-1002\"", r -> r.toString().contains("o-1002"));
    }

    private LogsFixture logs;
    private ThreadPoolExecutor otherFunctions;

    @BeforeEach
    void start() {
        logs = new LogsFixture();
        // Threads started before any invocation, so that a called function's invocation is its own and not
        // inherited from the caller's (as separate Lambda functions are).
        otherFunctions = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        otherFunctions.prestartAllCoreThreads();
    }

    @AfterEach
    void stop() {
        otherFunctions.shutdownNow();
        logs.close();
    }

    @Test
    void everyFilterPatternOfTheDocMatchesWhatTheDocSays() throws Exception {
        writeTheSampleStory();
        List<FilteredLogEvent> all = filter(null);
        List<JsonNode> records = new ArrayList<>();
        for (FilteredLogEvent event : all) {
            records.add(LogsFixture.JSON.readTree(event.message()));
        }
        JsonNode error = records.stream().filter(r -> levelIn(r, "ERROR")).findFirst().orElseThrow();
        assertTrue(error.path("error").path("stack").asText().contains("IllegalStateException"),
                "the escaping exception is logged with its stack, as the doc says: " + error);

        assertTrue(Files.isRegularFile(DOC), DOC.toAbsolutePath() + " not found: the test runs from the src module's folder");
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Matcher total = Pattern.compile("four orders, (\\d+) events").matcher(doc);
        assertTrue(total.find(), "docs/application.md no longer says how many events the sample story has");
        assertEquals(Integer.parseInt(total.group(1)), records.size(), "the sample story's events, as the doc counts them");

        List<DocRow> rows = rows(doc);
        assertEquals(MEANINGS.keySet(), rows.stream().map(DocRow::pattern).collect(java.util.stream.Collectors.toSet()),
                "the patterns of the doc's table and the meanings kept here differ: add or remove the meaning");
        // First what the doc says against what each pattern means, then what the endpoint returns for it.
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (DocRow row : rows) {
            List<String> meant = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                if (MEANINGS.get(row.pattern()).test(records.get(i))) {
                    meant.add(all.get(i).message());
                }
            }
            assertEquals(row.count(), meant.size(), "the doc's count for " + row.pattern() + ": " + meant);
            expected.put(row.pattern(), meant);
        }
        for (DocRow row : rows) {
            List<String> matched = filter(row.pattern()).stream().map(FilteredLogEvent::message).toList();
            assertEquals(expected.get(row.pattern()), matched, "filter pattern " + row.pattern());
        }
    }

    /** The doc's table rows: a backquoted pattern in the second cell, "N event(s)" opening the third. */
    static List<DocRow> rows(String doc) {
        int start = doc.indexOf("| question | filter pattern | in the sample story |");
        assertTrue(start >= 0, "docs/application.md has no filter pattern table");
        List<DocRow> rows = new ArrayList<>();
        Pattern row = Pattern.compile("^\\| [^|]+ \\| `((?:[^`])+)` \\| (\\d+) events?\\b.*$");
        for (String line : doc.substring(start).lines().skip(2).toList()) {
            if (!line.startsWith("|")) {
                break;
            }
            // A '|' inside a table cell is written '\|' in Markdown; the row regex must not split on it.
            Matcher m = row.matcher(line.replace("\\|", "\u0000"));
            if (!m.matches()) {
                fail("a row of the doc's filter pattern table is not `pattern` | N events: " + line);
            }
            rows.add(new DocRow(m.group(1).replace("\u0000", "|"), Integer.parseInt(m.group(2))));
        }
        assertTrue(rows.size() >= MEANINGS.size(), "the doc's table has fewer rows than expected: " + rows);
        return rows;
    }

    record DocRow(String pattern, int count) {}

    private List<FilteredLogEvent> filter(String pattern) {
        List<FilteredLogEvent> events = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            FilterLogEventsResponse page = logs.client.filterLogEvents(r -> r.logGroupName(GROUP)
                    .filterPattern(pattern).nextToken(next));
            events.addAll(page.events());
            token = page.nextToken();
        } while (token != null);
        return events;
    }

    /** The shop's four orders, each function an invocation of its own, as docs/application.md describes. */
    private void writeTheSampleStory() throws Exception {
        invoke(ORDER, ORDER_1001_REQUEST, "checkout-1001", () -> {
            AppLog.current().info("order o-1001 received from ada: book, lamp, total 42.50");
            call(PAYMENT, "checkout-1001", () -> AppLog.current().info("payment of 42.50 for order o-1001 authorized: auth-3f9c1a2b"));
            call(INVENTORY, "checkout-1001", () -> AppLog.current().info("stock reserved for order o-1001: book, lamp"));
            AppLog.current().info("order o-1001 confirmed: payment auth-3f9c1a2b, stock reserved");
            return null;
        });
        invoke(ORDER, "a1f3e0c2-5b7d-4c1e-8f20-6d9b3a4e5f61", "checkout-1002", () -> {
            AppLog.current().info("order o-1002 received from bob: piano, total 950.00");
            call(PAYMENT, "checkout-1002", () -> AppLog.current()
                    .warning("payment of 950.00 for order o-1002 declined: over the card limit of 500.00"));
            AppLog.current().warning("order o-1002 rejected: payment declined (over the card limit of 500.00)");
            return null;
        });
        invoke(ORDER, "b2e4f1d3-6c8e-4d2f-9031-7e0c4b5f6a72", "checkout-1003", () -> {
            AppLog.current().info("order o-1003 received from cy: teapot, total 18.00");
            call(PAYMENT, "checkout-1003", () -> AppLog.current().info("payment of 18.00 for order o-1003 authorized: auth-5d1e2f3a"));
            call(INVENTORY, "checkout-1003", () -> AppLog.current().warning("order o-1003 cannot be reserved: out of stock: teapot"));
            AppLog.current().warning("order o-1003 rejected: out of stock: teapot (authorization auth-5d1e2f3a not captured)");
            return null;
        });
        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> invoke(ORDER, "c3f5a2e4-7d9f-4e30-a142-8f1d5c6a7b83", "checkout-1004", () -> {
                    AppLog.current().info("order o-1004 received from dee: lamp, total 12.00");
                    throw new IllegalStateException("function applog-shop-payment cannot be called: not authorized");
                }));
        assertTrue(failed.getMessage().contains("cannot be called"));
    }

    private static void invoke(String function, String requestId, String correlationId, Callable<Void> body) throws Exception {
        LambdaLogging.handle(SETTINGS, new FakeContext(requestId, function, 30_000),
                Map.of("correlationId", correlationId), body::call);
    }

    /** Another function, invoked synchronously with the caller's correlation id, as the shop's order function does. */
    private void call(String function, String correlationId, Runnable body) throws Exception {
        try {
            otherFunctions.submit(() -> {
                invoke(function, java.util.UUID.randomUUID().toString(), correlationId, () -> {
                    body.run();
                    return null;
                });
                return null;
            }).get();
        } catch (ExecutionException e) {
            throw new AssertionError(function + " failed", e.getCause());
        }
    }

    private static String text(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value == null ? "" : value.asText();
    }

    private static boolean levelIn(JsonNode record, String... levels) {
        return List.of(levels).contains(text(record, "level"));
    }
}
