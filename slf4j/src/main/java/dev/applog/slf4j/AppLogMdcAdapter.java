package dev.applog.slf4j;

import dev.applog.AppLog;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.spi.MDCAdapter;

/**
 * SLF4J's MDC as the running invocation's keys: on a thread that belongs to an invocation (the handler's, the threads
 * it starts, a task made with {@code AppLog.wrap}), {@code MDC.put} is {@code AppLog.appendKey}, {@code MDC.remove}
 * is {@code AppLog.removeKey}, {@code MDC.clear} is {@code AppLog.clearKeys}, and {@code MDC.get} reads
 * {@code AppLog.keys()} (a value put with {@code appendKey} as its text): one store, shared by the invocation's
 * threads and ended with it as {@code clearState} says. Elsewhere (static initializers, Lambda's init phase, a thread
 * no invocation runs on, code outside Lambda) SLF4J's own {@link BasicMDCAdapter}: per thread, inherited by the
 * threads a thread starts. SLF4J 2's deques ({@code MDC.pushByKey}) are always the per-thread ones: they are not
 * fields of an event.
 */
final class AppLogMdcAdapter implements MDCAdapter {

    private final BasicMDCAdapter local = new BasicMDCAdapter();

    @Override
    public void put(String key, String val) {
        if (key == null) {
            throw new IllegalArgumentException("key cannot be null");  // as SLF4J's own adapters
        }
        if (!AppLog.appendKey(key, val)) {
            local.put(key, val);
        }
    }

    @Override
    public String get(String key) {
        if (!AppLog.inInvocation()) {
            return local.get(key);
        }
        Object value = AppLog.keys().get(key);
        return value == null ? null : value.toString();
    }

    @Override
    public void remove(String key) {
        if (!AppLog.removeKey(key)) {
            local.remove(key);
        }
    }

    @Override
    public void clear() {
        if (!AppLog.clearKeys()) {
            local.clear();
        }
    }

    /** The invocation's keys, each value as its text, in an invocation; this thread's MDC (or null) elsewhere. */
    @Override
    public Map<String, String> getCopyOfContextMap() {
        if (!AppLog.inInvocation()) {
            return local.getCopyOfContextMap();
        }
        Map<String, String> copy = new HashMap<>();
        AppLog.keys().forEach((k, v) -> copy.put(k, v == null ? null : v.toString()));
        return copy;
    }

    /** In an invocation: its keys become exactly {@code contextMap}'s entries. */
    @Override
    public void setContextMap(Map<String, String> contextMap) {
        if (!AppLog.clearKeys()) {
            local.setContextMap(contextMap);
            return;
        }
        if (contextMap != null) {
            contextMap.forEach(AppLog::appendKey);
        }
    }

    /**
     * The MDC entries a line carries as fields of its own, or null: none in an invocation (its keys are added to
     * every event by the invocation's logger), this thread's MDC elsewhere.
     */
    Map<String, String> fieldsOutsideInvocation() {
        return AppLog.inInvocation() ? null : local.getCopyOfContextMap();
    }

    @Override
    public void pushByKey(String key, String value) { local.pushByKey(key, value); }

    @Override
    public String popByKey(String key) { return local.popByKey(key); }

    @Override
    public Deque<String> getCopyOfDequeByKey(String key) { return local.getCopyOfDequeByKey(key); }

    @Override
    public void clearDequeByKey(String key) { local.clearDequeByKey(key); }
}
