package dev.applog.lambda;

import dev.applog.AppLog;

/** Run by {@link OutsideInvocationTest} in a JVM of its own: logs twice outside any invocation. */
public final class OutsideInvocationMain {

    private OutsideInvocationMain() { }

    public static void main(String[] args) {
        AppLog.current().info("first line outside");
        AppLog.current().info("second line outside");
    }
}
