package dev.applog.delivery;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where events go that CloudWatch Logs did not take: one JSON line per event on stdout (in Lambda, stdout
 * reaches the function's own log group), marked {@code "applog":"fallback"} and carrying the group, stream,
 * timestamp, message and the reason. Plus one diagnostic per cause that says what to fix. Reasons and diagnostics
 * quote errors of the service and the SDK, so both pass {@link Redaction} first; the message is the user's own.
 */
final class Fallback {

    private final PrintStream out;
    private final Set<String> diagnosed = ConcurrentHashMap.newKeySet();

    Fallback(PrintStream out) { this.out = out; }

    /**
     * One line per event, {@code {"applog":"fallback","reason":...,"group":...,"stream":...,"timestamp":...,"message":...}},
     * written by hand as Jackson would write it (but for lone surrogates, see {@link #string}): the fallback is often reached near a deadline, and on a cold JVM
     * loading Jackson there would cost the time the lines need.
     */
    void write(String group, String stream, List<Event> events, String errorReason) {
        String reason = Redaction.redact(errorReason);  // it may quote a service's or the SDK's error text
        StringBuilder lines = new StringBuilder();
        for (Event event : events) {
            lines.append("{\"applog\":\"fallback\",\"reason\":");
            string(lines, reason).append(",\"group\":");
            string(lines, group).append(",\"stream\":");
            string(lines, event.stream == null ? stream : event.stream).append(",\"timestamp\":").append(event.timestamp)
                    .append(",\"message\":");
            string(lines, event.text()).append('}').append(System.lineSeparator());
        }
        synchronized (out) {
            out.print(lines);
            out.flush();
        }
    }

    /**
     * {@code text} as a JSON string, escaped as the {@code #json} format escapes it, except a lone surrogate, which
     * is written as a backslash-u escape: stdout is UTF-8, which cannot carry it, and the line keeps it so.
     */
    private static StringBuilder string(StringBuilder out, String text) {
        if (text == null) {
            return out.append("null");
        }
        out.append('"');
        int from = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;  // a pair: one character, written as it is
                continue;
            }
            JsonText.escape(out, text, from, i).append("\\u").append(Integer.toHexString(c));
            from = i + 1;
        }
        return JsonText.escape(out, text, from, text.length()).append('"');
    }

    /** Prints {@code text} once for each {@code cause} (per logger and its context loggers). */
    void diagnose(String cause, String text) {
        if (diagnosed.add(cause)) {
            synchronized (out) {
                // it may quote a service's or the SDK's error: no secret, and one line, as an error text may hold any
                out.println("applog: " + PrintedLines.escape(Redaction.redact(text)));
                out.flush();
            }
        }
    }

    // ---- what to fix, per cause of a fallback: the texts of the delivery policy's diagnostics ---------------

    private static final String MARKED = "\"applog\":\"fallback\"";

    /** Delivery ran out of time for a batch. */
    void deadlineMissed(String group, String stream, String reason) {
        diagnose("deadline", "CloudWatch Logs could not be reached in time for group " + group
                + ", stream " + stream + ": " + reason + ". The events went to stdout as lines marked " + MARKED + ". "
                + "Fix: give delivery more time (LoggerConfig.deliveryDeadline, or the "
                + "function's timeout), and check that the function can reach the CloudWatch Logs endpoint "
                + "(a function in a VPC needs a NAT gateway or an interface endpoint for logs). A request that timed out "
                + "may have been stored as well: delivery is at-least-once.");
    }

    /** No client for the service could be made. */
    void noClient(Throwable cause) {
        String message = cause == null ? "unknown cause" : cause.getMessage();
        diagnose("client", "cannot make a CloudWatch Logs client (" + message + "). "
                + "The events went to stdout as lines marked " + MARKED + ". Fix: " + clientFix(cause));
    }

    /** What to do when no SDK client can be made: a version clash on the classpath reads differently from a missing setting. */
    static String clientFix(Throwable cause) {
        if (cause instanceof LinkageError) {
            return "the classpath holds AWS SDK classes of another version than this logger was built with "
                    + "(a function jar that bundles the SDK comes before the layer's jars). Use the applog layer's jar, "
                    + "whose SDK is relocated, instead of the plain library jar, or align the SDK versions.";
        }
        return "set AWS_REGION (Lambda sets it; elsewhere set it or LoggerConfig.region) and make credentials available.";
    }

    /** The service refused one event as invalid ({@code error}: its code and text). */
    void eventRefused(String group, String stream, String error) {
        diagnose("invalid:" + error, "CloudWatch Logs refused an event for group " + group
                + ", stream " + stream + " (" + error + "); it went to stdout as a line marked "
                + MARKED + ". If the message says the event is too large, lower "
                + "LoggerConfig.maxEventBytes to the limit the endpoint enforces.");
    }

    /** No credentials on this side. */
    void noCredentials(String error) {
        diagnose("no-credentials", "no AWS credentials for CloudWatch Logs (" + error
                + "). The events went to stdout as lines marked " + MARKED + ". Fix: run with "
                + "credentials (in Lambda, the function's execution role; elsewhere AWS_ACCESS_KEY_ID / "
                + "AWS_SECRET_ACCESS_KEY or a profile).");
    }

    /** Access denied ({@code credentials} false) or the credentials refused, for {@code operation}. */
    void refused(String group, String stream, String operation, String code, boolean credentials, String error) {
        String fix;
        if (credentials) {
            fix = "the credentials were not accepted. Fix: check the credentials the code runs with (in Lambda, the "
                    + "function's execution role; elsewhere AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN "
                    + "or a profile); an expired session token needs fresh credentials.";
        } else {
            fix = "permission denied. Fix: allow the IAM action logs:" + operation + " (the logger needs "
                    + "logs:PutLogEvents, and logs:CreateLogStream and logs:CreateLogGroup to create them on demand) "
                    + "on arn:aws:logs:<region>:<account>:log-group:" + group + ":* in the function's role.";
        }
        diagnose("refused:" + code + ":" + operation, "CloudWatch Logs refused " + operation + " for group "
                + group + ", stream " + stream + " (" + error + "): " + fix
                + " Until then the events go to stdout as lines marked " + MARKED + ".");
    }

    /** The service rejected {@code count} events of a request for their timestamps. */
    void rejected(String group, String stream, int count) {
        diagnose("rejected", "CloudWatch Logs rejected " + count + " event(s) of group " + group + ", stream "
                + stream + " for their timestamps (more than 14 days old, older than the group's retention, or more "
                + "than 2 hours ahead); they went to stdout as lines marked " + MARKED + ". Fix: check the "
                + "clock of the machine that logs.");
    }

    /** A purge's wait ran out while a request was in flight. */
    void purgeWaitOver(String group, Object maxWait) {
        diagnose("purge-wait", "a purge ran out of time (" + maxWait + ") while a request "
                + "to group " + group + " was in flight; its events went to stdout as lines marked "
                + MARKED + " and may be stored as well (delivery is at-least-once). Fix: "
                + "give the purge more time (in Lambda, a longer function timeout) or lower requestTimeout.");
    }
}
