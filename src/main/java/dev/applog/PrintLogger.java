package dev.applog;

import dev.applog.delivery.PrintedLines;
import java.time.Duration;
import java.util.Map;

/** {@code #print}: one line per event on the configured stream (stdout), above the threshold. Unbuffered. */
final class PrintLogger extends BaseLogger {

    PrintLogger(LoggerConfig config, Map<String, ?> context) { super(config, context); }

    @Override
    protected void emit(Level level, long timestamp, String line) {
        config.out().println(PrintedLines.escape(line));  // one event, one line: nothing forged
    }

    @Override
    public boolean purge(Duration maxWait) {
        config.out().flush();
        return true;
    }

    @Override
    public String classCode() { return LoggerKind.PRINT.label(); }

    @Override
    public boolean isPurgeable() { return false; }

    @Override
    public AppLogger withContext(Map<String, ?> fields) { return new PrintLogger(config, mergedContext(fields)); }
}
