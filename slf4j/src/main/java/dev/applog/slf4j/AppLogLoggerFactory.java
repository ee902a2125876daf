package dev.applog.slf4j;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** One {@link AppLogSlf4jLogger} per name; the logger holds no invocation state, it finds it per call. */
final class AppLogLoggerFactory implements ILoggerFactory {

    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final AppLogMdcAdapter mdc;

    AppLogLoggerFactory(AppLogMdcAdapter mdc) { this.mdc = mdc; }

    @Override
    public Logger getLogger(String name) {
        String key = name == null ? Logger.ROOT_LOGGER_NAME : name;
        return loggers.computeIfAbsent(key, n -> new AppLogSlf4jLogger(n, mdc));
    }
}
