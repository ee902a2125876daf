package dev.applog;

import dev.applog.delivery.Environment;
import java.time.LocalDate;

/**
 * The stream a CloudWatch logger's events go to: the {@code stream} setting with {@code {function}} filled in once and
 * {@code {date}} per event (its UTC day). Shared by a logger and the loggers made from it with {@code withContext}.
 * Naming is the logger's business: delivery takes each event's stream as the event says.
 */
final class StreamName {

    private final String streamTemplate;
    private final boolean dated;
    private volatile long cachedDay = Long.MIN_VALUE;
    private volatile String cachedStream;

    StreamName(LoggerConfig config) {
        String template = config.stream();
        if (template.contains(LogNames.FUNCTION)) {
            String function = Environment.functionName(config.function(), null, config.environment());
            template = LogNames.checkResolvedStream(template,
                    template.replace(LogNames.FUNCTION, function == null ? Environment.UNNAMED_FUNCTION : function));
        }
        this.streamTemplate = template;
        this.dated = template.contains(LogNames.DATE);
    }

    /** The stream an event at {@code timestamp} goes to ({@code {date}} is the event's UTC day). */
    String streamFor(long timestamp) {
        if (!dated) {
            return streamTemplate;
        }
        long day = Math.floorDiv(timestamp, 86_400_000L);
        String cached = cachedStream;
        if (day == cachedDay && cached != null) {
            return cached;
        }
        String stream = streamTemplate.replace(LogNames.DATE, LocalDate.ofEpochDay(day).toString());
        cachedStream = stream;
        cachedDay = day;
        return stream;
    }
}
