package dev.applog.local.logs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.RejectedLogEventsInfo;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CloudWatch Logs rules the library depends on, each checked at its boundary through the real AWS SDK
 * for Java v2. Abstract over the endpoint: {@link LocalLogsConformanceTest} runs it against the local
 * endpoint, {@link MotoConformanceTest} against moto_server. A check that an endpoint does not enforce is
 * skipped for it by {@link #enforces(Rule)}, saying which rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LogsConformanceSuite {

    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    /** Rules an emulator may not enforce; each endpoint says which it does. */
    enum Rule {
        BATCH_BYTES, BATCH_EVENT_COUNT, EVENT_SIZE, EMPTY_MESSAGE, BATCH_SPAN, GROUP_NAME_LENGTH,
        GROUP_NAME_CHARACTERS, RESERVED_GROUP_PREFIX, STREAM_NAME_LENGTH, STREAM_NAME_CHARACTERS,
        STREAM_NOT_FOUND_ON_PUT, TOO_OLD_END_INDEX_EXCLUSIVE, RETENTION_EXPIRY, RETENTION_VALUES,
        LOG_STREAM_ORDER_BY_TIME, FILTER_PHRASE, FILTER_INTERLEAVED, GET_END_TIME_EXCLUSIVE,
        UNKNOWN_OPERATION_SHAPE, SERIALIZATION_ERROR, STREAM_ALREADY_EXISTS_MESSAGE, GET_LOG_EVENTS_BACKWARD,
        CONCURRENT_WRITERS, FILTER_OPTIONAL_AND_EXCLUDED_TERMS, DESCRIBE_LIMIT, LOG_GROUP_ARN_IDENTIFIER,
        FILTER_JSON, FILTER_SPACE_DELIMITED, FILTER_REGEX, FILTER_INVALID_PATTERN
    }

    protected CloudWatchLogsClient logs;
    protected URI endpoint;

    /** Starts (or finds) the endpoint; may skip the whole class with an assumption. */
    protected abstract URI startEndpoint() throws Exception;

    protected abstract void stopEndpoint();

    /** Whether this endpoint enforces {@code rule}; checks of a rule it does not enforce are skipped. */
    protected boolean enforces(Rule rule) {
        return true;
    }

    private void requireEnforced(Rule rule) {
        assumeTrue(enforces(rule), () -> getClass().getSimpleName() + ": the endpoint does not enforce " + rule
                + " (more lenient than the service)");
    }

    @BeforeAll
    void startClient() throws Exception {
        endpoint = startEndpoint();
        logs = SdkClients.withoutRetries(endpoint);
    }

    @AfterAll
    void stopClient() {
        if (logs != null) {
            logs.close();
        }
        stopEndpoint();
    }

    // ---------------------------------------------------------------- helpers

    protected String newGroup() {
        String group = "/conformance/" + UUID.randomUUID();
        logs.createLogGroup(r -> r.logGroupName(group));
        return group;
    }

    protected String newGroupWithStream(String stream) {
        String group = newGroup();
        logs.createLogStream(r -> r.logGroupName(group).logStreamName(stream));
        return group;
    }

    static InputLogEvent event(long timestamp, String message) {
        return InputLogEvent.builder().timestamp(timestamp).message(message).build();
    }

    PutLogEventsResponse put(String group, String stream, List<InputLogEvent> events) {
        return logs.putLogEvents(r -> r.logGroupName(group).logStreamName(stream).logEvents(events));
    }

    InvalidParameterException putRefused(String group, String stream, List<InputLogEvent> events) {
        return assertThrows(InvalidParameterException.class, () -> put(group, stream, events));
    }

    /** Every event of a stream, read forward from the head page by page. */
    List<OutputLogEvent> readAll(String group, String stream) {
        List<OutputLogEvent> all = new ArrayList<>();
        String token = null;
        while (true) {
            String current = token;
            GetLogEventsResponse page = logs.getLogEvents(r -> r.logGroupName(group).logStreamName(stream)
                    .startFromHead(true).nextToken(current));
            all.addAll(page.events());
            if (page.nextForwardToken().equals(current)) {
                return all;
            }
            token = page.nextForwardToken();
        }
    }

    /** A message of exactly {@code bytes} UTF-8 bytes built from {@code unit} (padded with ASCII). */
    static String messageOfBytes(int bytes, String unit) {
        int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
        return unit.repeat(bytes / unitBytes) + "a".repeat(bytes % unitBytes);
    }

    /** {@code count} events whose UTF-8 bytes + 26 each add up to exactly {@code total}. */
    static List<InputLogEvent> batchOfBytes(long timestamp, int total, int count, String unit) {
        int messageBytes = total - 26 * count;
        List<InputLogEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int share = messageBytes / count + (i < messageBytes % count ? 1 : 0);
            events.add(event(timestamp, messageOfBytes(share, unit)));
        }
        return events;
    }

    static int batchBytes(List<InputLogEvent> events) {
        return events.stream().mapToInt(e -> e.message().getBytes(StandardCharsets.UTF_8).length + 26).sum();
    }

    static List<InputLogEvent> smallEvents(long timestamp, int count) {
        return IntStream.range(0, count).mapToObj(i -> event(timestamp, "event " + i)).toList();
    }

    // ---------------------------------------------------------------- round trip

    @Test
    void putThenGetReturnsTheEventsWithTheirIngestionTime() {
        String group = newGroupWithStream("s");
        long now = System.currentTimeMillis();
        put(group, "s", List.of(event(now - 1000, "first"), event(now, "second ünïcødé 😀")));
        List<OutputLogEvent> events = readAll(group, "s");
        assertEquals(List.of("first", "second ünïcødé 😀"), events.stream().map(OutputLogEvent::message).toList());
        assertEquals(now - 1000, events.get(0).timestamp());
        assertNotNull(events.get(0).ingestionTime(), "events keep their ingestion time");
        assertTrue(events.get(0).ingestionTime() >= now - 60_000, "ingestion time is the time of the put");
    }

    // ---------------------------------------------------------------- batch limits

    @Test
    void aBatchOfExactly1048576BytesIsAcceptedAndOneByteMoreIsRefused() {
        requireEnforced(Rule.BATCH_BYTES);
        String group = newGroupWithStream("s");
        long now = System.currentTimeMillis();
        // five events, each well under the legacy 262,144-byte event limit, so only the batch rule applies
        List<InputLogEvent> exact = batchOfBytes(now, 1_048_576, 5, "a");
        assertEquals(1_048_576, batchBytes(exact));
        put(group, "s", exact);
        assertEquals(5, readAll(group, "s").size());

        List<InputLogEvent> oneMore = new ArrayList<>(exact);
        oneMore.set(4, event(now, exact.get(4).message() + "b"));
        InvalidParameterException e = putRefused(group, "s", oneMore);
        assertEquals("Upload too large: 1048577 bytes exceeds limit of 1048576", e.awsErrorDetails().errorMessage());
        assertEquals(5, readAll(group, "s").size(), "nothing of the refused batch was stored");
    }

    @Test
    void multiByteUtf8IsCountedInBytesNotCharacters() {
        requireEnforced(Rule.BATCH_BYTES);
        String group = newGroupWithStream("s");
        long now = System.currentTimeMillis();
        // "€" is 3 bytes, "😀" 4 bytes (2 UTF-16 chars): in characters these batches are far below the limit
        List<InputLogEvent> euros = batchOfBytes(now, 1_048_576, 5, "€");
        List<InputLogEvent> emoji = batchOfBytes(now + 1, 1_048_576, 5, "😀");
        put(group, "s", euros);
        put(group, "s", emoji);
        assertEquals(10, readAll(group, "s").size());

        List<InputLogEvent> tooMany = new ArrayList<>(euros);
        tooMany.set(0, event(now, euros.get(0).message() + "é"));
        InvalidParameterException e = putRefused(group, "s", tooMany);
        assertEquals("Upload too large: 1048578 bytes exceeds limit of 1048576", e.awsErrorDetails().errorMessage());
    }

    @Test
    void tenThousandEventsAreAcceptedAndTenThousandAndOneAreRefused() {
        requireEnforced(Rule.BATCH_EVENT_COUNT);
        String group = newGroupWithStream("s");
        long now = System.currentTimeMillis();
        put(group, "s", smallEvents(now, 10_000));
        InvalidParameterException e = putRefused(group, "s", smallEvents(now, 10_001));
        assertTrue(e.awsErrorDetails().errorMessage().contains("logEvents"), e.getMessage());
        assertTrue(e.awsErrorDetails().errorMessage().contains("10000"), e.getMessage());
    }

    @Test
    void anEmptyBatchIsRefused() {
        requireEnforced(Rule.BATCH_EVENT_COUNT);
        String group = newGroupWithStream("s");
        putRefused(group, "s", List.of());
    }

    @Test
    void anEventOfExactlyTheSizeLimitIsAcceptedAndOneByteMoreIsRefused() {
        requireEnforced(Rule.EVENT_SIZE);
        String group = newGroupWithStream("s");
        long now = System.currentTimeMillis();
        put(group, "s", List.of(event(now, messageOfBytes(1_048_576 - 26, "ß"))));
        InvalidParameterException e = putRefused(group, "s", List.of(event(now, messageOfBytes(1_048_576 - 25, "ß"))));
        assertTrue(e.awsErrorDetails().errorMessage().contains("1048577 bytes exceeds limit of 1048576"), e.getMessage());
        assertEquals(1, readAll(group, "s").size());
    }

    @Test
    void anEmptyMessageIsRefused() {
        requireEnforced(Rule.EMPTY_MESSAGE);
        String group = newGroupWithStream("s");
        long now = System.currentTimeMillis();
        InvalidParameterException e = putRefused(group, "s", List.of(event(now, "fine"), event(now, "")));
        assertTrue(e.awsErrorDetails().errorMessage().contains("logEvents.2.member.message"), e.getMessage());
        assertTrue(readAll(group, "s").isEmpty());
    }

    @Test
    void eventsOutOfChronologicalOrderAreRefusedEqualTimestampsAreFine() {
        String group = newGroupWithStream("s");
        long now = System.currentTimeMillis();
        put(group, "s", List.of(event(now, "a"), event(now, "b"), event(now + 1, "c")));
        InvalidParameterException e = putRefused(group, "s", List.of(event(now, "x"), event(now - 1, "y")));
        assertEquals("Log events in a single PutLogEvents request must be in chronological order.",
                e.awsErrorDetails().errorMessage());
        assertEquals(List.of("a", "b", "c"), readAll(group, "s").stream().map(OutputLogEvent::message).toList());
    }

    @Test
    void aBatchMaySpanExactly24HoursButNotOneMillisecondMore() {
        requireEnforced(Rule.BATCH_SPAN);
        String group = newGroupWithStream("s");
        long start = System.currentTimeMillis() - 23 * HOUR;
        put(group, "s", List.of(event(start, "a"), event(start + DAY, "b")));
        InvalidParameterException e = putRefused(group, "s", List.of(event(start, "a"), event(start + DAY + 1, "b")));
        assertTrue(e.awsErrorDetails().errorMessage().contains("24 hours"), e.getMessage());
    }

    // ---------------------------------------------------------------- too new, too old

    @Test
    void tooOldAndTooNewEventsAreRejectedOneByOneAndTheRestStored() {
        String group = newGroupWithStream("s");
        long now = System.currentTimeMillis();
        PutLogEventsResponse response = put(group, "s", List.of(
                event(now - 15 * DAY, "too old"),
                event(now - 14 * DAY - HOUR, "too old too"),
                event(now - MINUTE, "kept 1"),
                event(now, "kept 2"),
                event(now + 3 * HOUR, "too new")));
        RejectedLogEventsInfo rejected = response.rejectedLogEventsInfo();
        assertNotNull(rejected, "the response says which events were rejected");
        assertEquals(4, rejected.tooNewLogEventStartIndex());
        assertNull(rejected.expiredLogEventEndIndex());
        if (enforces(Rule.TOO_OLD_END_INDEX_EXCLUSIVE)) {
            assertEquals(2, rejected.tooOldLogEventEndIndex(), "the end index is exclusive");
        }
        assertEquals(List.of("kept 1", "kept 2"), readAll(group, "s").stream().map(OutputLogEvent::message).toList());
    }

    @Test
    void theSpanRuleAppliesToTheEventsThatAreNotRejected() {
        String group = newGroupWithStream("s");
        long now = System.currentTimeMillis();
        PutLogEventsResponse response = put(group, "s", List.of(event(now - 20 * DAY, "too old"), event(now, "kept")));
        assertNotNull(response.rejectedLogEventsInfo());
        assertEquals(List.of("kept"), readAll(group, "s").stream().map(OutputLogEvent::message).toList());
    }

    @Test
    void eventsOlderThanTheGroupsRetentionAreRejectedAsExpired() {
        requireEnforced(Rule.RETENTION_EXPIRY);
        String group = newGroupWithStream("s");
        logs.putRetentionPolicy(r -> r.logGroupName(group).retentionInDays(1));
        long now = System.currentTimeMillis();
        PutLogEventsResponse response = put(group, "s", List.of(event(now - 3 * DAY, "expired"), event(now, "kept")));
        assertEquals(1, response.rejectedLogEventsInfo().expiredLogEventEndIndex());
        assertEquals(List.of("kept"), readAll(group, "s").stream().map(OutputLogEvent::message).toList());
    }

    // ---------------------------------------------------------------- names and resources

    @Test
    void groupNamesMayHave512CharactersButNotMore() {
        requireEnforced(Rule.GROUP_NAME_LENGTH);
        String longest = "/n/" + "a".repeat(509);
        logs.createLogGroup(r -> r.logGroupName(longest));
        String tooLong = "/" + "a".repeat(512);
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> logs.createLogGroup(r -> r.logGroupName(tooLong)));
        assertTrue(e.awsErrorDetails().errorMessage().contains("logGroupName"), e.getMessage());
        logs.deleteLogGroup(r -> r.logGroupName(longest));
    }

    @Test
    void groupNamesTakeOnlyTheServicesCharacters() {
        requireEnforced(Rule.GROUP_NAME_CHARACTERS);
        logs.createLogGroup(r -> r.logGroupName("/ok/" + UUID.randomUUID() + "_A-z.#9"));
        for (String bad : List.of("has space", "colon:" + UUID.randomUUID(), "star*", "ünï")) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> logs.createLogGroup(r -> r.logGroupName(bad)), bad);
            assertTrue(e.awsErrorDetails().errorMessage().contains("logGroupName"), e.getMessage());
        }
    }

    @Test
    void aGroupNameStartingWithAwsSlashIsReserved() {
        requireEnforced(Rule.RESERVED_GROUP_PREFIX);
        assertThrows(InvalidParameterException.class,
                () -> logs.createLogGroup(r -> r.logGroupName("aws/" + UUID.randomUUID())));
    }

    @Test
    void streamNamesMayHave512CharactersButNotMore() {
        requireEnforced(Rule.STREAM_NAME_LENGTH);
        String group = newGroup();
        logs.createLogStream(r -> r.logGroupName(group).logStreamName("x".repeat(512)));
        assertThrows(InvalidParameterException.class,
                () -> logs.createLogStream(r -> r.logGroupName(group).logStreamName("x".repeat(513))));
    }

    @Test
    void streamNamesMayHoldAnythingButColonAndStar() {
        requireEnforced(Rule.STREAM_NAME_CHARACTERS);
        String group = newGroup();
        logs.createLogStream(r -> r.logGroupName(group).logStreamName("shop 2026/01/01 [$LATEST] äöü #1"));
        for (String bad : List.of("a:b", "a*b")) {
            assertThrows(InvalidParameterException.class,
                    () -> logs.createLogStream(r -> r.logGroupName(group).logStreamName(bad)), bad);
        }
    }

    @Test
    void aMissingGroupOrStreamIsResourceNotFound() {
        String missingGroup = "/conformance/missing/" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        ResourceNotFoundException noGroup = assertThrows(ResourceNotFoundException.class,
                () -> put(missingGroup, "s", List.of(event(now, "x"))));
        assertEquals("The specified log group does not exist.", noGroup.awsErrorDetails().errorMessage());
        assertThrows(ResourceNotFoundException.class,
                () -> logs.createLogStream(r -> r.logGroupName(missingGroup).logStreamName("s")));

        String group = newGroup();
        assertThrows(ResourceNotFoundException.class, () -> logs.getLogEvents(r -> r.logGroupName(group)
                .logStreamName("missing")));
        if (enforces(Rule.STREAM_NOT_FOUND_ON_PUT)) {
            ResourceNotFoundException noStream = assertThrows(ResourceNotFoundException.class,
                    () -> put(group, "missing", List.of(event(now, "x"))));
            assertEquals("The specified log stream does not exist.", noStream.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void creatingAnExistingGroupOrStreamIsResourceAlreadyExists() {
        String group = newGroupWithStream("s");
        ResourceAlreadyExistsException e = assertThrows(ResourceAlreadyExistsException.class,
                () -> logs.createLogGroup(r -> r.logGroupName(group)));
        assertEquals("The specified log group already exists", e.awsErrorDetails().errorMessage());
        ResourceAlreadyExistsException stream = assertThrows(ResourceAlreadyExistsException.class,
                () -> logs.createLogStream(r -> r.logGroupName(group).logStreamName("s")));
        if (enforces(Rule.STREAM_ALREADY_EXISTS_MESSAGE)) {
            assertEquals("The specified log stream already exists", stream.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void deletedStreamsAndGroupsAreGone() {
        String group = newGroupWithStream("s");
        logs.deleteLogStream(r -> r.logGroupName(group).logStreamName("s"));
        assertThrows(ResourceNotFoundException.class,
                () -> logs.deleteLogStream(r -> r.logGroupName(group).logStreamName("s")));
        logs.deleteLogGroup(r -> r.logGroupName(group));
        assertThrows(ResourceNotFoundException.class, () -> logs.deleteLogGroup(r -> r.logGroupName(group)));
        assertTrue(logs.describeLogGroups(r -> r.logGroupNamePrefix(group)).logGroups().isEmpty());
    }

    // ---------------------------------------------------------------- retention

    @Test
    void retentionTakesTheServicesValuesOnly() {
        String group = newGroup();
        logs.putRetentionPolicy(r -> r.logGroupName(group).retentionInDays(7));
        LogGroup described = logs.describeLogGroups(r -> r.logGroupNamePrefix(group)).logGroups().get(0);
        assertEquals(7, described.retentionInDays());
        assertThrows(ResourceNotFoundException.class,
                () -> logs.putRetentionPolicy(r -> r.logGroupName(group + "-missing").retentionInDays(7)));
        if (enforces(Rule.RETENTION_VALUES)) {
            for (int bad : new int[] {0, 2, 4, 366, 3654}) {
                assertThrows(InvalidParameterException.class,
                        () -> logs.putRetentionPolicy(r -> r.logGroupName(group).retentionInDays(bad)), "" + bad);
            }
        }
    }

    // ---------------------------------------------------------------- reading

    private String streamOf25(long base) {
        String group = newGroupWithStream("s");
        put(group, "s", IntStream.range(0, 25).mapToObj(i -> event(base + i, "e" + i)).toList());
        return group;
    }

    private static List<String> messages(GetLogEventsResponse page) {
        return page.events().stream().map(OutputLogEvent::message).toList();
    }

    private static List<String> range(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "e" + i).toList();
    }

    @Test
    void getLogEventsPagesForwardFromTheHeadAndHandsBackTheSameTokenAtTheEnd() {
        String group = streamOf25(System.currentTimeMillis() - HOUR);
        GetLogEventsResponse first = logs.getLogEvents(r -> r.logGroupName(group).logStreamName("s")
                .startFromHead(true).limit(10));
        assertEquals(range(0, 10), messages(first));
        assertTrue(first.nextForwardToken().startsWith("f/"), first.nextForwardToken());
        assertTrue(first.nextBackwardToken().startsWith("b/"), first.nextBackwardToken());
        GetLogEventsResponse second = logs.getLogEvents(r -> r.logGroupName(group).logStreamName("s")
                .nextToken(first.nextForwardToken()).limit(10));
        assertEquals(range(10, 20), messages(second));
        GetLogEventsResponse third = logs.getLogEvents(r -> r.logGroupName(group).logStreamName("s")
                .nextToken(second.nextForwardToken()).limit(10));
        assertEquals(range(20, 25), messages(third));
        GetLogEventsResponse end = logs.getLogEvents(r -> r.logGroupName(group).logStreamName("s")
                .nextToken(third.nextForwardToken()).limit(10));
        assertTrue(end.events().isEmpty());
        assertEquals(third.nextForwardToken(), end.nextForwardToken(), "at the end the same token comes back");

        // a reader polling with the end token sees events that arrive later
        put(group, "s", List.of(event(System.currentTimeMillis(), "late")));
        GetLogEventsResponse polled = logs.getLogEvents(r -> r.logGroupName(group).logStreamName("s")
                .nextToken(end.nextForwardToken()));
        assertEquals(List.of("late"), messages(polled));
    }

    @Test
    void getLogEventsStartsAtTheTailByDefaultAndPagesBackward() {
        requireEnforced(Rule.GET_LOG_EVENTS_BACKWARD);
        String group = streamOf25(System.currentTimeMillis() - HOUR);
        GetLogEventsResponse last = logs.getLogEvents(r -> r.logGroupName(group).logStreamName("s").limit(10));
        assertEquals(range(15, 25), messages(last), "the newest events, oldest first within the page");
        GetLogEventsResponse before = logs.getLogEvents(r -> r.logGroupName(group).logStreamName("s")
                .nextToken(last.nextBackwardToken()).limit(10));
        assertEquals(range(5, 15), messages(before));
        GetLogEventsResponse head = logs.getLogEvents(r -> r.logGroupName(group).logStreamName("s")
                .nextToken(before.nextBackwardToken()).limit(10));
        assertEquals(range(0, 5), messages(head));
        GetLogEventsResponse beyond = logs.getLogEvents(r -> r.logGroupName(group).logStreamName("s")
                .nextToken(head.nextBackwardToken()).limit(10));
        assertTrue(beyond.events().isEmpty());
        assertEquals(head.nextBackwardToken(), beyond.nextBackwardToken(), "at the head the same token comes back");
        // and forward again from a backward page
        GetLogEventsResponse forward = logs.getLogEvents(r -> r.logGroupName(group).logStreamName("s")
                .nextToken(head.nextForwardToken()).limit(3));
        assertEquals(range(5, 8), messages(forward));
    }

    @Test
    void getLogEventsHonoursStartTimeInclusive() {
        long base = System.currentTimeMillis() - HOUR;
        String group = streamOf25(base);
        GetLogEventsResponse window = logs.getLogEvents(r -> r.logGroupName(group).logStreamName("s")
                .startFromHead(true).startTime(base + 20));
        assertEquals(range(20, 25), messages(window));
    }

    @Test
    void getLogEventsHonoursEndTimeExclusive() {
        requireEnforced(Rule.GET_END_TIME_EXCLUSIVE);
        long base = System.currentTimeMillis() - HOUR;
        String group = streamOf25(base);
        GetLogEventsResponse window = logs.getLogEvents(r -> r.logGroupName(group).logStreamName("s")
                .startFromHead(true).startTime(base + 5).endTime(base + 9));
        assertEquals(range(5, 9), messages(window));
    }

    @Test
    void getLogEventsRefusesAnInvalidToken() {
        String group = streamOf25(System.currentTimeMillis() - HOUR);
        assertThrows(InvalidParameterException.class, () -> logs.getLogEvents(r -> r.logGroupName(group)
                .logStreamName("s").nextToken("not a token")));
    }

    @Test
    void filterLogEventsMatchesTermsAndPhrasesAcrossStreams() {
        String group = newGroupWithStream("a");
        logs.createLogStream(r -> r.logGroupName(group).logStreamName("b"));
        long now = System.currentTimeMillis();
        put(group, "a", List.of(event(now, "ERROR disk full on /var"), event(now + 2, "INFO all good")));
        put(group, "b", List.of(event(now + 1, "ERROR full disk"), event(now + 3, "WARN disk almost full")));

        Function<String, List<String>> filter = pattern -> logs.filterLogEvents(r -> r.logGroupName(group)
                .filterPattern(pattern)).events().stream().map(FilteredLogEvent::message).toList();
        assertEquals(List.of("ERROR disk full on /var", "ERROR full disk"), filter.apply("ERROR"));
        assertEquals(List.of("ERROR disk full on /var", "ERROR full disk", "WARN disk almost full"),
                filter.apply("disk full"), "every term must occur, in any order");
        assertEquals(List.of(), filter.apply("error"), "terms are case-sensitive");
        assertEquals(4, filter.apply("").size(), "an empty pattern matches everything");
        if (enforces(Rule.FILTER_PHRASE)) {
            assertEquals(List.of("ERROR disk full on /var"), filter.apply("\"disk full\""),
                    "a quoted phrase must occur as written");
        }

        FilterLogEventsResponse onlyB = logs.filterLogEvents(r -> r.logGroupName(group).logStreamNames("b"));
        assertEquals(List.of("ERROR full disk", "WARN disk almost full"),
                onlyB.events().stream().map(FilteredLogEvent::message).toList());
        assertTrue(onlyB.events().stream().allMatch(e -> e.logStreamName().equals("b")));

        FilterLogEventsResponse window = logs.filterLogEvents(r -> r.logGroupName(group)
                .startTime(now + 1).endTime(now + 2));
        assertEquals(List.of("ERROR full disk", "INFO all good"),
                window.events().stream().map(FilteredLogEvent::message).sorted().toList(),
                "start and end are inclusive");
    }

    private List<String> filtered(String group, String pattern) {
        return logs.filterLogEvents(r -> r.logGroupName(group).filterPattern(pattern)).events().stream()
                .map(FilteredLogEvent::message).toList();
    }

    private static final String E1 = "{\"level\":\"ERROR\",\"message\":\"disk full\",\"latency\":1200,"
            + "\"user\":{\"id\":7,\"roles\":[\"admin\",\"dev\"]},\"ok\":false,\"gone\":null}";
    private static final String E2 = "{\"level\":\"INFO\",\"message\":\"order placed\",\"latency\":35,"
            + "\"user\":{\"id\":8,\"roles\":[\"dev\"]},\"ok\":true}";
    private static final String E3 = "{\"level\":\"WARN\",\"message\":\"slow\",\"latency\":500.5}";
    private static final String PLAIN = "plain text ERROR line";

    @Test
    void filterLogEventsTakesJsonPatterns() {
        requireEnforced(Rule.FILTER_JSON);
        String group = newGroupWithStream("s");
        long now = System.currentTimeMillis();
        put(group, "s", List.of(event(now, E1), event(now + 1, E2), event(now + 2, E3), event(now + 3, PLAIN)));
        java.util.Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
        expected.put("{ $.level = \"ERROR\" }", List.of(E1));
        expected.put("{$.level=ERROR}", List.of(E1));
        expected.put("{ $.level != \"ERROR\" }", List.of(E2, E3));
        expected.put("{ $.level = \"*RN\" }", List.of(E3));
        expected.put("{ $.message = \"disk*\" }", List.of(E1));
        expected.put("{ $.latency > 100 }", List.of(E1, E3));
        expected.put("{ $.latency <= 35 }", List.of(E2));
        expected.put("{ $.latency = 500.5 }", List.of(E3));
        expected.put("{ $.latency != 35 }", List.of(E1, E3));
        expected.put("{ $.latency >= 500.5 && $.latency < 1200 }", List.of(E3));
        expected.put("{ $.level = \"ERROR\" || $.latency < 100 }", List.of(E1, E2));
        expected.put("{ ($.level = \"INFO\" || $.level = \"WARN\") && $.latency >= 500 }", List.of(E3));
        expected.put("{ $.user.id = 8 }", List.of(E2));
        expected.put("{ $.user.roles[0] = \"admin\" }", List.of(E1));
        expected.put("{ $.user.roles[1] EXISTS }", List.of(E1));
        expected.put("{ $.user NOT EXISTS }", List.of(E3));
        expected.put("{ $.gone IS NULL }", List.of(E1));
        expected.put("{ $.ok IS TRUE }", List.of(E2));
        expected.put("{ $.ok IS FALSE }", List.of(E1));
        expected.put("{ $.nothing = \"x\" || $.nothing != \"x\" }", List.of());
        for (java.util.Map.Entry<String, List<String>> check : expected.entrySet()) {
            assertEquals(check.getValue(), filtered(group, check.getKey()), check.getKey());
        }
    }

    static final String LINE1 = "127.0.0.1 frank [10/Oct/2000:13:55:36 -0700] \"GET /index.html HTTP/1.0\" 404 1534";
    static final String LINE2 = "10.0.0.2 alice [10/Oct/2000:13:56:00 -0700] \"POST /api/orders HTTP/1.1\" 201 87";
    static final String LINE3 = "10.0.0.3 bob [10/Oct/2000:13:57:00 -0700] \"GET /health HTTP/1.1\" 500 12";

    @Test
    void filterLogEventsTakesSpaceDelimitedPatterns() {
        requireEnforced(Rule.FILTER_SPACE_DELIMITED);
        String group = newGroupWithStream("s");
        long now = System.currentTimeMillis();
        put(group, "s", List.of(event(now, LINE1), event(now + 1, LINE2), event(now + 2, LINE3)));
        java.util.Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
        expected.put("[ip, user, timestamp, request, status_code = 404, bytes]", List.of(LINE1));
        expected.put("[ip, user, timestamp, request = \"*html*\", status_code, bytes]", List.of(LINE1));
        expected.put("[ip, user = alice || user = bob, ...]", List.of(LINE2, LINE3));
        expected.put("[..., status_code >= 400, bytes < 1000]", List.of(LINE3));
        expected.put("[ip = 10.0.0.*, ...]", List.of(LINE2, LINE3));
        expected.put("[ip, user, timestamp, request, status_code = 4* || status_code = 5*, bytes > 100]",
                List.of(LINE1));
        expected.put("[ip, user]", List.of());
        expected.put("[ip, user, timestamp, request, status_code, bytes, more]", List.of());
        for (java.util.Map.Entry<String, List<String>> check : expected.entrySet()) {
            assertEquals(check.getValue(), filtered(group, check.getKey()), check.getKey());
        }
    }

    @Test
    void filterLogEventsTakesRegularExpressions() {
        requireEnforced(Rule.FILTER_REGEX);
        String group = newGroupWithStream("s");
        long now = System.currentTimeMillis();
        put(group, "s", List.of(event(now, E1), event(now + 1, E2), event(now + 2, PLAIN)));
        assertEquals(List.of(E1, PLAIN), filtered(group, "%ERR.R%"));
        assertEquals(List.of(E1), filtered(group, "{ $.message = %^dis?k% }"));
    }

    @Test
    void aFilterPatternTheSyntaxDoesNotAllowIsRefused() {
        requireEnforced(Rule.FILTER_INVALID_PATTERN);
        String group = newGroupWithStream("s");
        put(group, "s", List.of(event(System.currentTimeMillis(), E1)));
        for (String pattern : List.of("{ $.level = }", "{ $.level \"ERROR\" }", "{ $.latency > \"high\" }",
                "{ $.level = \"ERROR\"", "{ level = \"ERROR\" }", "{ ($.level = 1 }", "{ $.level IS MAYBE }",
                "[ip, user", "[]", "[a, b > x]", "\"unclosed", "%unclosed")) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> filtered(group, pattern), pattern);
            assertNotNull(e.awsErrorDetails().errorMessage(), pattern);
        }
    }

    @Test
    void filterLogEventsTakesOptionalAndExcludedTerms() {
        requireEnforced(Rule.FILTER_OPTIONAL_AND_EXCLUDED_TERMS);
        String group = newGroupWithStream("s");
        long now = System.currentTimeMillis();
        put(group, "s", List.of(event(now, "ERROR one"), event(now + 1, "WARN two"), event(now + 2, "INFO three"),
                event(now + 3, "ERROR four ignored")));
        Function<String, List<String>> filter = pattern -> logs.filterLogEvents(r -> r.logGroupName(group)
                .filterPattern(pattern)).events().stream().map(FilteredLogEvent::message).toList();
        assertEquals(List.of("ERROR one", "WARN two", "ERROR four ignored"), filter.apply("?ERROR ?WARN"));
        assertEquals(List.of("ERROR one"), filter.apply("ERROR -ignored"));
    }

    @Test
    void filterLogEventsInterleavesTheStreamsInTimestampOrder() {
        requireEnforced(Rule.FILTER_INTERLEAVED);
        String group = newGroupWithStream("a");
        logs.createLogStream(r -> r.logGroupName(group).logStreamName("b"));
        long now = System.currentTimeMillis();
        put(group, "a", List.of(event(now, "a1"), event(now + 2, "a2")));
        put(group, "b", List.of(event(now + 1, "b1"), event(now + 3, "b2")));
        assertEquals(List.of("a1", "b1", "a2", "b2"), logs.filterLogEvents(r -> r.logGroupName(group)).events()
                .stream().map(FilteredLogEvent::message).toList());
    }

    @Test
    void filterLogEventsPagesWithNextToken() {
        String group = newGroupWithStream("s");
        long now = System.currentTimeMillis();
        put(group, "s", IntStream.range(0, 7).mapToObj(i -> event(now + i, "m" + i)).toList());
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            FilterLogEventsResponse page = logs.filterLogEvents(r -> r.logGroupName(group).limit(3).nextToken(current));
            page.events().forEach(e -> seen.add(e.message()));
            token = page.nextToken();
            pages++;
        } while (token != null && pages < 10);
        assertEquals(IntStream.range(0, 7).mapToObj(i -> "m" + i).toList(), seen);
        assertEquals(3, pages);
    }

    @Test
    void describeLogGroupsFiltersByPrefixAndPages() {
        String prefix = "/conformance/describe-" + UUID.randomUUID() + "/";
        for (int i = 0; i < 5; i++) {
            String name = prefix + i;
            logs.createLogGroup(r -> r.logGroupName(name));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            DescribeLogGroupsResponse page = logs.describeLogGroups(r -> r.logGroupNamePrefix(prefix).limit(2)
                    .nextToken(current));
            page.logGroups().forEach(g -> seen.add(g.logGroupName()));
            token = page.nextToken();
            pages++;
        } while (token != null && pages < 10);
        assertEquals(IntStream.range(0, 5).mapToObj(i -> prefix + i).toList(), seen, "in name order, each once");
        assertEquals(3, pages);
    }

    @Test
    void describeLimitsAreOneToFifty() {
        requireEnforced(Rule.DESCRIBE_LIMIT);
        String group = newGroup();
        for (int bad : new int[] {0, 51}) {
            assertThrows(InvalidParameterException.class, () -> logs.describeLogGroups(r -> r.limit(bad)), "" + bad);
            assertThrows(InvalidParameterException.class,
                    () -> logs.describeLogStreams(r -> r.logGroupName(group).limit(bad)), "" + bad);
        }
        logs.describeLogGroups(r -> r.limit(50));
    }

    @Test
    void aLogGroupArnIdentifiesTheGroupForReading() {
        requireEnforced(Rule.LOG_GROUP_ARN_IDENTIFIER);
        String group = newGroupWithStream("s");
        put(group, "s", List.of(event(System.currentTimeMillis(), "by arn")));
        String arn = logs.describeLogGroups(r -> r.logGroupNamePrefix(group)).logGroups().get(0).arn();
        String bareArn = arn.endsWith(":*") ? arn.substring(0, arn.length() - 2) : arn;
        assertEquals(List.of("by arn"), logs.getLogEvents(r -> r.logGroupIdentifier(bareArn).logStreamName("s"))
                .events().stream().map(OutputLogEvent::message).toList());
        assertEquals(1, logs.filterLogEvents(r -> r.logGroupIdentifier(bareArn)).events().size());
        assertEquals(1, logs.describeLogStreams(r -> r.logGroupIdentifier(bareArn)).logStreams().size());
    }

    @Test
    void describeLogStreamsFiltersOrdersAndPages() {
        String group = newGroup();
        for (String name : List.of("web-2", "web-1", "worker-1", "web-3")) {
            logs.createLogStream(r -> r.logGroupName(group).logStreamName(name));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            DescribeLogStreamsResponse page = logs.describeLogStreams(r -> r.logGroupName(group)
                    .logStreamNamePrefix("web-").descending(true).limit(2).nextToken(current));
            page.logStreams().forEach(s -> seen.add(s.logStreamName()));
            token = page.nextToken();
            pages++;
        } while (token != null && pages < 10);
        assertEquals(List.of("web-3", "web-2", "web-1"), seen);
        assertEquals(2, pages);

        if (enforces(Rule.LOG_STREAM_ORDER_BY_TIME)) {
            long now = System.currentTimeMillis();
            put(group, "web-3", List.of(event(now - 2000, "old")));
            put(group, "web-1", List.of(event(now - 1000, "newer")));
            put(group, "worker-1", List.of(event(now, "newest")));
            List<String> byTime = logs.describeLogStreams(r -> r.logGroupName(group)
                    .orderBy(OrderBy.LAST_EVENT_TIME).descending(true)).logStreams().stream()
                    .filter(s -> s.lastEventTimestamp() != null).map(LogStream::logStreamName).toList();
            assertEquals(List.of("worker-1", "web-1", "web-3"), byTime);
        }
    }

    // ---------------------------------------------------------------- protocol

    private HttpResponse<String> rawPost(String target, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/logs/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        try (AutoCloseableHttpClient client = new AutoCloseableHttpClient()) {
            return client.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** java.net.http.HttpClient is not AutoCloseable on Java 17. */
    private static final class AutoCloseableHttpClient implements AutoCloseable {
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        @Override
        public void close() {
        }
    }

    @Test
    void anUnknownOperationGetsTheServicesErrorShape() throws Exception {
        requireEnforced(Rule.UNKNOWN_OPERATION_SHAPE);
        HttpResponse<String> response = rawPost("Logs_20140328.MakeCoffee", "{}");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("UnknownOperationException"), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").contains("json"));
    }

    @Test
    void aBodyThatIsNotJsonIsASerializationError() throws Exception {
        requireEnforced(Rule.SERIALIZATION_ERROR);
        HttpResponse<String> response = rawPost("Logs_20140328.CreateLogGroup", "{not json");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("SerializationException"), response.body());
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void concurrentWritersIntoOneStreamLoseAndReorderNothing() throws Exception {
        requireEnforced(Rule.CONCURRENT_WRITERS);
        String group = newGroupWithStream("shared");
        int writers = 8;
        int perWriter = 500;
        int perBatch = 25;
        long base = System.currentTimeMillis() - HOUR;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int from = 0; from < perWriter; from += perBatch) {
                        int start = from;
                        // all writers use the same timestamps, so their events interleave in the stream
                        put(group, "shared", IntStream.range(start, start + perBatch)
                                .mapToObj(i -> event(base + i, "w" + writer + "-" + i)).toList());
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<OutputLogEvent> stored = readAll(group, "shared");
        assertEquals(writers * perWriter, stored.size(), "nothing lost");
        List<Long> timestamps = stored.stream().map(OutputLogEvent::timestamp).toList();
        List<Long> sorted = new ArrayList<>(timestamps);
        Collections.sort(sorted);
        assertEquals(sorted, timestamps, "in timestamp order");
        for (int w = 0; w < writers; w++) {
            String tag = "w" + w + "-";
            List<String> own = stored.stream().map(OutputLogEvent::message).filter(m -> m.startsWith(tag)).toList();
            assertEquals(IntStream.range(0, perWriter).mapToObj(i -> tag + i).collect(Collectors.toList()), own,
                    "writer " + w + "'s events in its own order");
        }
    }
}
