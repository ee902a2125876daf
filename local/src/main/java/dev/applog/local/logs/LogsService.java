package dev.applog.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The CloudWatch Logs operations and the in-memory store behind the local endpoint. Input arrives as the
 * service's JSON request body; errors are thrown as {@link LogsServiceException} with the service's error
 * names and messages.
 */
final class LogsService {

    static final int MAX_BATCH_BYTES = 1_048_576;
    static final int MAX_BATCH_EVENTS = 10_000;
    static final int EVENT_OVERHEAD_BYTES = 26;
    static final long HOUR_MS = 3_600_000L;
    static final long DAY_MS = 24 * HOUR_MS;
    static final long MAX_FUTURE_MS = 2 * HOUR_MS;
    static final long MAX_AGE_MS = 14 * DAY_MS;
    static final long MAX_BATCH_SPAN_MS = DAY_MS;
    static final int MAX_READ_BYTES = 1_048_576;
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";

    private static final Pattern GROUP_NAME = Pattern.compile("[\\.\\-_/#A-Za-z0-9]+");
    private static final String GROUP_PATTERN_TEXT = "[\\.\\-_/#A-Za-z0-9]+";
    private static final Pattern STREAM_NAME = Pattern.compile("[^:*]*");
    private static final String STREAM_PATTERN_TEXT = "[^:*]*";
    private static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    private static final String RETENTION_TEXT =
            "[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Result of a PutLogEvents call, for the server's counters. */
    record PutOutcome(int stored, long storedBytes, int rejected) {}

    private final Clock clock;
    private final int eventSizeLimit;
    private final NavigableMap<String, LogGroup> groups = new ConcurrentSkipListMap<>();

    LogsService(Clock clock, int eventSizeLimit) {
        this.clock = clock;
        this.eventSizeLimit = eventSizeLimit;
    }

    // ---------------------------------------------------------------- store

    static final class LogGroup {
        final String name;
        final long creationTime;
        volatile Integer retentionInDays;
        final NavigableMap<String, LogStream> streams = new ConcurrentSkipListMap<>();

        LogGroup(String name, long creationTime) {
            this.name = name;
            this.creationTime = creationTime;
        }
    }

    /** A stream's events, sorted by timestamp; equal timestamps keep their arrival order. Guarded by itself. */
    static final class LogStream {
        final String name;
        final long creationTime;
        final List<StoredEvent> events = new ArrayList<>();
        long lastIngestionTime;
        long storedBytes;
        long sequence = 1;

        LogStream(String name, long creationTime) {
            this.name = name;
            this.creationTime = creationTime;
        }

        /** Inserts after every event with a timestamp <= this one's: stable for equal timestamps. */
        void insert(StoredEvent event) {
            int size = events.size();
            if (size == 0 || events.get(size - 1).timestamp() <= event.timestamp()) {
                events.add(event);
                return;
            }
            events.add(upperBound(events, event.timestamp()), event);
        }

        synchronized List<StoredEvent> snapshot() {
            return List.copyOf(events);
        }
    }

    /** Index of the first event with a timestamp greater than {@code timestamp}. */
    static int upperBound(List<StoredEvent> events, long timestamp) {
        int low = 0;
        int high = events.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (events.get(mid).timestamp() <= timestamp) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Index of the first event with a timestamp greater than or equal to {@code timestamp}. */
    static int lowerBound(List<StoredEvent> events, long timestamp) {
        int low = 0;
        int high = events.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (events.get(mid).timestamp() < timestamp) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    List<StoredEvent> events(String group, String stream) {
        LogGroup logGroup = groups.get(group);
        LogStream logStream = logGroup == null ? null : logGroup.streams.get(stream);
        return logStream == null ? List.of() : logStream.snapshot();
    }

    boolean groupExists(String group) {
        return groups.containsKey(group);
    }

    /** Every group's stream names, both in name order. */
    Map<String, List<String>> streams() {
        Map<String, List<String>> streams = new java.util.LinkedHashMap<>();
        for (LogGroup group : groups.values()) {
            streams.put(group.name, List.copyOf(group.streams.keySet()));
        }
        return streams;
    }

    boolean streamExists(String group, String stream) {
        LogGroup logGroup = groups.get(group);
        return logGroup != null && logGroup.streams.containsKey(stream);
    }

    // ---------------------------------------------------------------- operations

    /** Runs one operation; returns the response body. PutLogEvents reports what it stored to {@code puts}. */
    ObjectNode handle(String operation, JsonNode input, Consumer<PutOutcome> puts) {
        return switch (operation) {
            case "PutLogEvents" -> putLogEvents(input, puts);
            case "CreateLogGroup" -> createLogGroup(input);
            case "CreateLogStream" -> createLogStream(input);
            case "DeleteLogGroup" -> deleteLogGroup(input);
            case "DeleteLogStream" -> deleteLogStream(input);
            case "DescribeLogGroups" -> describeLogGroups(input);
            case "DescribeLogStreams" -> describeLogStreams(input);
            case "PutRetentionPolicy" -> putRetentionPolicy(input);
            case "DeleteRetentionPolicy" -> deleteRetentionPolicy(input);
            case "GetLogEvents" -> getLogEvents(input);
            case "FilterLogEvents" -> filterLogEvents(input);
            default -> throw new LogsServiceException(400, "UnknownOperationException",
                    "Operation " + operation + " is not supported by the local CloudWatch Logs endpoint; supported: "
                            + "CreateLogGroup, CreateLogStream, DeleteLogGroup, DeleteLogStream, DescribeLogGroups, "
                            + "DescribeLogStreams, PutLogEvents, GetLogEvents, FilterLogEvents, PutRetentionPolicy, "
                            + "DeleteRetentionPolicy");
        };
    }

    private ObjectNode createLogGroup(JsonNode input) {
        String name = groupName(input, "logGroupName");
        if (name.toLowerCase(Locale.ROOT).startsWith("aws/")) {
            throw LogsServiceException.invalidParameter("Log groups starting with AWS/ are reserved for AWS.");
        }
        LogGroup created = new LogGroup(name, clock.millis());
        if (groups.putIfAbsent(name, created) != null) {
            throw LogsServiceException.alreadyExists("log group");
        }
        return JSON.objectNode();
    }

    private ObjectNode createLogStream(JsonNode input) {
        String groupName = groupName(input, "logGroupName");
        String streamName = streamName(input, "logStreamName");
        LogGroup group = requireGroup(groupName);
        if (group.streams.putIfAbsent(streamName, new LogStream(streamName, clock.millis())) != null) {
            throw LogsServiceException.alreadyExists("log stream");
        }
        return JSON.objectNode();
    }

    private ObjectNode deleteLogGroup(JsonNode input) {
        String name = groupName(input, "logGroupName");
        if (groups.remove(name) == null) {
            throw LogsServiceException.groupNotFound();
        }
        return JSON.objectNode();
    }

    private ObjectNode deleteLogStream(JsonNode input) {
        String groupName = groupName(input, "logGroupName");
        String streamName = streamName(input, "logStreamName");
        LogGroup group = requireGroup(groupName);
        if (group.streams.remove(streamName) == null) {
            throw LogsServiceException.streamNotFound();
        }
        return JSON.objectNode();
    }

    private ObjectNode putRetentionPolicy(JsonNode input) {
        String name = groupName(input, "logGroupName");
        Long days = optionalLong(input, "retentionInDays");
        if (days == null) {
            throw LogsServiceException.validation("retentionInDays", null, "Member must not be null");
        }
        if (days < Integer.MIN_VALUE || days > Integer.MAX_VALUE || !RETENTION_DAYS.contains(days.intValue())) {
            throw LogsServiceException.validation("retentionInDays", days,
                    "Member must satisfy enum value set: " + RETENTION_TEXT);
        }
        requireGroup(name).retentionInDays = days.intValue();
        return JSON.objectNode();
    }

    private ObjectNode deleteRetentionPolicy(JsonNode input) {
        requireGroup(groupName(input, "logGroupName")).retentionInDays = null;
        return JSON.objectNode();
    }

    private ObjectNode describeLogGroups(JsonNode input) {
        String prefix = optionalString(input, "logGroupNamePrefix");
        String pattern = optionalString(input, "logGroupNamePattern");
        if (prefix != null) {
            checkGroupName("logGroupNamePrefix", prefix);
        }
        if (prefix != null && pattern != null) {
            throw LogsServiceException.invalidParameter(
                    "LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters.");
        }
        int limit = limit(input, 50, 50);
        String after = decodeNameToken(optionalString(input, "nextToken"));
        NavigableMap<String, LogGroup> candidates = after == null ? groups : groups.tailMap(after, false);
        ArrayNode page = JSON.arrayNode();
        String lastName = null;
        boolean more = false;
        for (LogGroup group : candidates.values()) {
            if (prefix != null && !group.name.startsWith(prefix)) {
                continue;
            }
            if (pattern != null && !group.name.toLowerCase(Locale.ROOT).contains(pattern.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(describe(group));
            lastName = group.name;
        }
        ObjectNode output = JSON.objectNode();
        output.set("logGroups", page);
        if (more) {
            output.put("nextToken", encodeToken("group:" + lastName));
        }
        return output;
    }

    private ObjectNode describe(LogGroup group) {
        ObjectNode node = JSON.objectNode();
        node.put("logGroupName", group.name);
        node.put("creationTime", group.creationTime);
        if (group.retentionInDays != null) {
            node.put("retentionInDays", group.retentionInDays);
        }
        node.put("metricFilterCount", 0);
        String arn = "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:" + group.name;
        node.put("arn", arn + ":*");
        node.put("logGroupArn", arn);
        long storedBytes = 0;
        for (LogStream stream : group.streams.values()) {
            synchronized (stream) {
                storedBytes += stream.storedBytes;
            }
        }
        node.put("storedBytes", storedBytes);
        node.put("logGroupClass", "STANDARD");
        return node;
    }

    private ObjectNode describeLogStreams(JsonNode input) {
        LogGroup group = requireGroup(groupNameOrIdentifier(input));
        String prefix = optionalString(input, "logStreamNamePrefix");
        if (prefix != null) {
            checkStreamName("logStreamNamePrefix", prefix);
        }
        String orderBy = optionalString(input, "orderBy");
        if (orderBy == null) {
            orderBy = "LogStreamName";
        }
        if (!orderBy.equals("LogStreamName") && !orderBy.equals("LastEventTime")) {
            throw LogsServiceException.validation("orderBy", orderBy,
                    "Member must satisfy enum value set: [LogStreamName, LastEventTime]");
        }
        if (orderBy.equals("LastEventTime") && prefix != null) {
            throw LogsServiceException.invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        boolean descending = optionalBoolean(input, "descending", false);
        int limit = limit(input, 50, 50);
        int offset = decodeOffsetToken(optionalString(input, "nextToken"), "streams");

        List<ObjectNode> described = new ArrayList<>();
        for (LogStream stream : group.streams.values()) {
            if (prefix == null || stream.name.startsWith(prefix)) {
                described.add(describe(group, stream));
            }
        }
        Comparator<ObjectNode> order = orderBy.equals("LogStreamName")
                ? Comparator.comparing(node -> node.get("logStreamName").asText())
                : Comparator.<ObjectNode>comparingLong(node -> node.path("lastEventTimestamp").asLong(0))
                        .thenComparing(node -> node.get("logStreamName").asText());
        described.sort(descending ? order.reversed() : order);

        ArrayNode page = JSON.arrayNode();
        int end = Math.min(described.size(), offset + limit);
        for (int i = Math.min(offset, described.size()); i < end; i++) {
            page.add(described.get(i));
        }
        ObjectNode output = JSON.objectNode();
        output.set("logStreams", page);
        if (end < described.size()) {
            output.put("nextToken", encodeToken("streams:" + end));
        }
        return output;
    }

    private ObjectNode describe(LogGroup group, LogStream stream) {
        ObjectNode node = JSON.objectNode();
        node.put("logStreamName", stream.name);
        node.put("creationTime", stream.creationTime);
        synchronized (stream) {
            if (!stream.events.isEmpty()) {
                node.put("firstEventTimestamp", stream.events.get(0).timestamp());
                node.put("lastEventTimestamp", stream.events.get(stream.events.size() - 1).timestamp());
                node.put("lastIngestionTime", stream.lastIngestionTime);
            }
            node.put("uploadSequenceToken", sequenceToken(stream.sequence));
            node.put("storedBytes", stream.storedBytes);
        }
        node.put("arn", "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:" + group.name
                + ":log-stream:" + stream.name);
        return node;
    }

    // ---------------------------------------------------------------- PutLogEvents

    /** Validates and stores one batch; returns the response and reports the outcome for the counters. */
    private ObjectNode putLogEvents(JsonNode input, Consumer<PutOutcome> outcome) {
        String groupName = groupName(input, "logGroupName");
        String streamName = streamName(input, "logStreamName");
        JsonNode events = input.get("logEvents");
        if (events == null || events.isNull()) {
            throw LogsServiceException.validation("logEvents", null, "Member must not be null");
        }
        if (!events.isArray()) {
            throw serialization("logEvents must be a list of log events");
        }
        int count = events.size();
        if (count < 1) {
            throw LogsServiceException.validation("logEvents", "[]", "Member must have length greater than or equal to 1");
        }
        if (count > MAX_BATCH_EVENTS) {
            throw LogsServiceException.validation("logEvents", "[" + count + " log events]",
                    "Member must have length less than or equal to " + MAX_BATCH_EVENTS);
        }
        long[] timestamps = new long[count];
        String[] messages = new String[count];
        long batchBytes = 0;
        for (int i = 0; i < count; i++) {
            JsonNode event = events.get(i);
            String member = "logEvents." + (i + 1) + ".member.";
            if (event == null || !event.isObject()) {
                throw serialization("each log event must be an object with timestamp and message");
            }
            JsonNode timestamp = event.get("timestamp");
            if (timestamp == null || timestamp.isNull()) {
                throw LogsServiceException.validation(member + "timestamp", null, "Member must not be null");
            }
            if (!timestamp.isIntegralNumber() || !timestamp.canConvertToLong()) {
                throw serialization("timestamp of log event " + i + " must be an integer (epoch milliseconds)");
            }
            JsonNode message = event.get("message");
            if (message == null || message.isNull()) {
                throw LogsServiceException.validation(member + "message", null, "Member must not be null");
            }
            if (!message.isTextual()) {
                throw serialization("message of log event " + i + " must be a string");
            }
            String text = message.asText();
            if (text.isEmpty()) {
                throw LogsServiceException.validation(member + "message", "",
                        "Member must have length greater than or equal to 1");
            }
            long eventBytes = (long) utf8Length(text) + EVENT_OVERHEAD_BYTES;
            if (eventBytes > eventSizeLimit) {
                throw LogsServiceException.invalidParameter(
                        "Log event too large: " + eventBytes + " bytes exceeds limit of " + eventSizeLimit);
            }
            batchBytes += eventBytes;
            timestamps[i] = timestamp.asLong();
            messages[i] = text;
        }
        if (batchBytes > MAX_BATCH_BYTES) {
            throw LogsServiceException.invalidParameter(
                    "Upload too large: " + batchBytes + " bytes exceeds limit of " + MAX_BATCH_BYTES);
        }
        for (int i = 1; i < count; i++) {
            if (timestamps[i] < timestamps[i - 1]) {
                throw LogsServiceException.invalidParameter(
                        "Log events in a single PutLogEvents request must be in chronological order.");
            }
        }

        LogGroup group = requireGroup(groupName);
        LogStream stream = group.streams.get(streamName);
        if (stream == null) {
            throw LogsServiceException.streamNotFound();
        }

        long now = clock.millis();
        Integer retention = group.retentionInDays;
        long expiredBefore = retention == null ? Long.MIN_VALUE : now - retention * DAY_MS;
        long tooOldBefore = now - MAX_AGE_MS;
        long tooNewAfter = now + MAX_FUTURE_MS;
        // events are in chronological order: expired, then too old, then accepted, then too new
        int expiredEnd = 0;
        while (expiredEnd < count && timestamps[expiredEnd] < expiredBefore) {
            expiredEnd++;
        }
        int tooOldEnd = expiredEnd;
        while (tooOldEnd < count && timestamps[tooOldEnd] < tooOldBefore) {
            tooOldEnd++;
        }
        int tooNewStart = count;
        while (tooNewStart > tooOldEnd && timestamps[tooNewStart - 1] > tooNewAfter) {
            tooNewStart--;
        }
        if (tooNewStart > tooOldEnd
                && timestamps[tooNewStart - 1] - timestamps[tooOldEnd] > MAX_BATCH_SPAN_MS) {
            throw LogsServiceException.invalidParameter(
                    "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
        }

        long storedBytes = 0;
        String nextToken;
        synchronized (stream) {
            for (int i = tooOldEnd; i < tooNewStart; i++) {
                stream.insert(new StoredEvent(timestamps[i], messages[i], now));
                storedBytes += utf8Length(messages[i]) + EVENT_OVERHEAD_BYTES;
            }
            if (tooNewStart > tooOldEnd) {
                stream.lastIngestionTime = now;
                stream.storedBytes += storedBytes;
            }
            stream.sequence++;
            nextToken = sequenceToken(stream.sequence);
        }
        int stored = tooNewStart - tooOldEnd;
        outcome.accept(new PutOutcome(stored, storedBytes, count - stored));

        ObjectNode output = JSON.objectNode();
        if (stored > 0) {
            // the service returns no token when it stored nothing; tokens are ignored since 2023 anyway
            output.put("nextSequenceToken", nextToken);
        }
        if (stored < count) {
            ObjectNode rejected = output.putObject("rejectedLogEventsInfo");
            if (tooNewStart < count) {
                rejected.put("tooNewLogEventStartIndex", tooNewStart);
            }
            if (tooOldEnd > expiredEnd) {
                rejected.put("tooOldLogEventEndIndex", tooOldEnd);
            }
            if (expiredEnd > 0) {
                rejected.put("expiredLogEventEndIndex", expiredEnd);
            }
        }
        return output;
    }

    private static String sequenceToken(long sequence) {
        return String.format("%056d", sequence);
    }

    // ---------------------------------------------------------------- reading

    private ObjectNode getLogEvents(JsonNode input) {
        String groupName = groupNameOrIdentifier(input);
        String streamName = streamName(input, "logStreamName");
        Long startTime = optionalLong(input, "startTime");
        Long endTime = optionalLong(input, "endTime");
        int limit = limit(input, 10_000, 10_000);
        boolean startFromHead = optionalBoolean(input, "startFromHead", false);
        String token = optionalString(input, "nextToken");
        LogGroup group = requireGroup(groupName);
        LogStream stream = group.streams.get(streamName);
        if (stream == null) {
            throw LogsServiceException.streamNotFound();
        }
        List<StoredEvent> events = stream.snapshot();
        // the window: startTime inclusive, endTime exclusive, as the service documents
        int windowStart = startTime == null ? 0 : lowerBound(events, startTime);
        int windowEnd = endTime == null ? events.size() : Math.max(windowStart, lowerBound(events, endTime));

        char direction;
        int position;
        if (token == null) {
            direction = startFromHead ? 'f' : 'b';
            position = startFromHead ? windowStart : windowEnd;
        } else {
            if (!token.matches("[fb]/\\d{1,56}")) {
                throw LogsServiceException.invalidParameter("The specified nextToken is invalid.");
            }
            direction = token.charAt(0);
            long parsed;
            try {
                parsed = Long.parseLong(token.substring(2));
            } catch (NumberFormatException e) {
                throw LogsServiceException.invalidParameter("The specified nextToken is invalid.");
            }
            position = (int) Math.max(windowStart, Math.min(windowEnd, parsed));
        }

        int from;
        int to;
        if (direction == 'f') {
            from = position;
            to = from;
            long bytes = 0;
            while (to < windowEnd && to - from < limit) {
                bytes += utf8Length(events.get(to).message()) + EVENT_OVERHEAD_BYTES;
                if (bytes > MAX_READ_BYTES && to > from) {
                    break;
                }
                to++;
            }
        } else {
            to = position;
            from = to;
            long bytes = 0;
            while (from > windowStart && to - from < limit) {
                bytes += utf8Length(events.get(from - 1).message()) + EVENT_OVERHEAD_BYTES;
                if (bytes > MAX_READ_BYTES && to > from) {
                    break;
                }
                from--;
            }
        }
        ArrayNode page = JSON.arrayNode();
        for (int i = from; i < to; i++) {
            StoredEvent event = events.get(i);
            ObjectNode node = page.addObject();
            node.put("timestamp", event.timestamp());
            node.put("message", event.message());
            node.put("ingestionTime", event.ingestionTime());
        }
        ObjectNode output = JSON.objectNode();
        output.set("events", page);
        // at either end the service hands back the token it was given, so a reader polls with it
        output.put("nextForwardToken", positionToken('f', to));
        output.put("nextBackwardToken", positionToken('b', from));
        return output;
    }

    private static String positionToken(char direction, int position) {
        return direction + "/" + String.format("%056d", position);
    }

    private ObjectNode filterLogEvents(JsonNode input) {
        LogGroup group = requireGroup(groupNameOrIdentifier(input));
        List<String> streamNames = null;
        JsonNode names = input.get("logStreamNames");
        if (names != null && !names.isNull()) {
            if (!names.isArray()) {
                throw serialization("logStreamNames must be a list of strings");
            }
            if (names.size() < 1 || names.size() > 100) {
                throw LogsServiceException.validation("logStreamNames", names.toString(),
                        names.size() < 1 ? "Member must have length greater than or equal to 1"
                                : "Member must have length less than or equal to 100");
            }
            streamNames = new ArrayList<>();
            for (JsonNode name : names) {
                streamNames.add(name.asText());
            }
        }
        String prefix = optionalString(input, "logStreamNamePrefix");
        if (streamNames != null && prefix != null) {
            throw LogsServiceException.invalidParameter(
                    "logStreamNames and logStreamNamePrefix are mutually exclusive: give at most one of them.");
        }
        Long startTime = optionalLong(input, "startTime");
        Long endTime = optionalLong(input, "endTime");
        int limit = limit(input, 10_000, 10_000);
        FilterPattern pattern = FilterPattern.parse(optionalString(input, "filterPattern"));
        int offset = decodeOffsetToken(optionalString(input, "nextToken"), "filter");

        record Match(String stream, StoredEvent event, int index) {}
        List<Match> matches = new ArrayList<>();
        ArrayNode searched = JSON.arrayNode();
        for (LogStream stream : group.streams.values()) {
            if (streamNames != null && !streamNames.contains(stream.name)) {
                continue;
            }
            if (prefix != null && !stream.name.startsWith(prefix)) {
                continue;
            }
            List<StoredEvent> events = stream.snapshot();
            for (int i = 0; i < events.size(); i++) {
                StoredEvent event = events.get(i);
                // startTime and endTime are both inclusive for FilterLogEvents
                if (startTime != null && event.timestamp() < startTime) {
                    continue;
                }
                if (endTime != null && event.timestamp() > endTime) {
                    continue;
                }
                if (pattern.matches(event.message())) {
                    matches.add(new Match(stream.name, event, i));
                }
            }
            ObjectNode streamInfo = searched.addObject();
            streamInfo.put("logStreamName", stream.name);
            streamInfo.put("searchedCompletely", true);
        }
        matches.sort(Comparator.comparingLong((Match match) -> match.event().timestamp())
                .thenComparing(Match::stream).thenComparingInt(Match::index));

        ArrayNode page = JSON.arrayNode();
        int position = Math.min(offset, matches.size());
        long bytes = 0;
        while (position < matches.size() && page.size() < limit) {
            Match match = matches.get(position);
            bytes += utf8Length(match.event().message()) + EVENT_OVERHEAD_BYTES;
            if (bytes > MAX_READ_BYTES && page.size() > 0) {
                break;
            }
            ObjectNode node = page.addObject();
            node.put("logStreamName", match.stream());
            node.put("timestamp", match.event().timestamp());
            node.put("message", match.event().message());
            node.put("ingestionTime", match.event().ingestionTime());
            node.put("eventId", match.stream() + "-" + match.index());
            position++;
        }
        ObjectNode output = JSON.objectNode();
        output.set("events", page);
        output.set("searchedLogStreams", searched);
        if (position < matches.size()) {
            output.put("nextToken", encodeToken("filter:" + position));
        }
        return output;
    }

    // ---------------------------------------------------------------- input helpers

    private LogGroup requireGroup(String name) {
        LogGroup group = groups.get(name);
        if (group == null) {
            throw LogsServiceException.groupNotFound();
        }
        return group;
    }

    private String groupName(JsonNode input, String member) {
        String name = optionalString(input, member);
        if (name == null) {
            throw LogsServiceException.validation(member, null, "Member must not be null");
        }
        checkGroupName(member, name);
        return name;
    }

    /** logGroupName, or logGroupIdentifier (a name or an ARN), exactly one of them. */
    private String groupNameOrIdentifier(JsonNode input) {
        String name = optionalString(input, "logGroupName");
        String identifier = optionalString(input, "logGroupIdentifier");
        if (name != null && identifier != null) {
            throw LogsServiceException.invalidParameter(
                    "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }
        if (identifier != null) {
            String arnPrefix = "arn:aws:logs:";
            if (identifier.startsWith(arnPrefix)) {
                int at = identifier.indexOf(":log-group:");
                if (at < 0) {
                    throw LogsServiceException.invalidParameter("Invalid log group ARN: " + identifier);
                }
                identifier = identifier.substring(at + ":log-group:".length());
                if (identifier.endsWith(":*")) {
                    identifier = identifier.substring(0, identifier.length() - 2);
                }
            }
            checkGroupName("logGroupIdentifier", identifier);
            return identifier;
        }
        if (name == null) {
            throw LogsServiceException.invalidParameter("Should provide either name or ARN of the log group.");
        }
        checkGroupName("logGroupName", name);
        return name;
    }

    private static void checkGroupName(String member, String name) {
        if (name.isEmpty()) {
            throw LogsServiceException.validation(member, name, "Member must have length greater than or equal to 1");
        }
        if (name.length() > 512) {
            throw LogsServiceException.validation(member, name, "Member must have length less than or equal to 512");
        }
        if (!GROUP_NAME.matcher(name).matches()) {
            throw LogsServiceException.validation(member, name,
                    "Member must satisfy regular expression pattern: " + GROUP_PATTERN_TEXT);
        }
    }

    private String streamName(JsonNode input, String member) {
        String name = optionalString(input, member);
        if (name == null) {
            throw LogsServiceException.validation(member, null, "Member must not be null");
        }
        checkStreamName(member, name);
        return name;
    }

    private static void checkStreamName(String member, String name) {
        if (name.isEmpty()) {
            throw LogsServiceException.validation(member, name, "Member must have length greater than or equal to 1");
        }
        if (name.length() > 512) {
            throw LogsServiceException.validation(member, name, "Member must have length less than or equal to 512");
        }
        if (!STREAM_NAME.matcher(name).matches()) {
            throw LogsServiceException.validation(member, name,
                    "Member must satisfy regular expression pattern: " + STREAM_PATTERN_TEXT);
        }
    }

    private static String optionalString(JsonNode input, String member) {
        JsonNode node = input.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw serialization(member + " must be a string");
        }
        return node.asText();
    }

    private static Long optionalLong(JsonNode input, String member) {
        JsonNode node = input.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw serialization(member + " must be an integer");
        }
        return node.asLong();
    }

    private static boolean optionalBoolean(JsonNode input, String member, boolean otherwise) {
        JsonNode node = input.get(member);
        if (node == null || node.isNull()) {
            return otherwise;
        }
        if (!node.isBoolean()) {
            throw serialization(member + " must be true or false");
        }
        return node.asBoolean();
    }

    private static int limit(JsonNode input, int otherwise, int max) {
        Long limit = optionalLong(input, "limit");
        if (limit == null) {
            return otherwise;
        }
        if (limit < 1) {
            throw LogsServiceException.validation("limit", limit, "Member must have value greater than or equal to 1");
        }
        if (limit > max) {
            throw LogsServiceException.validation("limit", limit, "Member must have value less than or equal to " + max);
        }
        return limit.intValue();
    }

    private static String encodeToken(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw LogsServiceException.invalidParameter("The specified nextToken is invalid.");
        }
    }

    private static String decodeNameToken(String token) {
        if (token == null) {
            return null;
        }
        String value = decodeToken(token);
        if (!value.startsWith("group:")) {
            throw LogsServiceException.invalidParameter("The specified nextToken is invalid.");
        }
        return value.substring("group:".length());
    }

    private static int decodeOffsetToken(String token, String kind) {
        if (token == null) {
            return 0;
        }
        String value = decodeToken(token);
        if (!value.matches(Pattern.quote(kind) + ":\\d{1,9}")) {
            throw LogsServiceException.invalidParameter("The specified nextToken is invalid.");
        }
        return Integer.parseInt(value.substring(kind.length() + 1));
    }

    static LogsServiceException serialization(String message) {
        return new LogsServiceException(400, "SerializationException", message);
    }

    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1; // a lone surrogate is encoded as '?', as String.getBytes(UTF_8) does
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
