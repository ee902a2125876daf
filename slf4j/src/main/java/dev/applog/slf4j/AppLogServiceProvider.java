package dev.applog.slf4j;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J 2 provider that sends SLF4J lines into the running invocation's application logger. SLF4J finds it
 * through {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider} in the layer's {@code applog-slf4j} jar.
 * The MDC is the running invocation's keys ({@link AppLogMdcAdapter}: {@code MDC.put} is {@code AppLog.appendKey}
 * there, ended with the invocation as {@code clearState} says), SLF4J's per-thread one elsewhere; markers are SLF4J's
 * basic ones (a marker's name becomes the {@code marker} field).
 */
public final class AppLogServiceProvider implements SLF4JServiceProvider {

    /** The SLF4J API version this provider is written against. */
    public static final String REQUESTED_API_VERSION = "2.0.99";

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final AppLogMdcAdapter mdc = new AppLogMdcAdapter();
    private final AppLogLoggerFactory loggers = new AppLogLoggerFactory(mdc);

    @Override
    public ILoggerFactory getLoggerFactory() { return loggers; }

    @Override
    public IMarkerFactory getMarkerFactory() { return markers; }

    @Override
    public MDCAdapter getMDCAdapter() { return mdc; }

    @Override
    public String getRequestedApiVersion() { return REQUESTED_API_VERSION; }

    @Override
    public void initialize() {
        // the provider line itself is printed once per JVM by the library when the first invocation starts
    }
}
