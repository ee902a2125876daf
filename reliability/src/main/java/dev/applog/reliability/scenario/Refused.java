package dev.applog.reliability.scenario;

import dev.applog.local.logs.Fault;
import dev.applog.reliability.Harness;
import dev.applog.reliability.Row;
import dev.applog.reliability.Scenario;
import dev.applog.reliability.Tally.Allow;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CloudWatch Logs refuses every request for good (missing permission, bad credentials): nothing can be stored,
 * so every event must be in the fallback (the function's stdout, which Lambda keeps), each JVM must print one
 * diagnostic that names the fix, and the handler's invocations must succeed: the logger's trouble is not the
 * handler's. A refusal is not retried: one PutLogEvents per invocation (the next purge tries again, so a fixed
 * role recovers without a restart).
 */
public final class Refused implements Scenario {

    private final String name;
    private final Fault fault;
    private final String code;
    private final String fix;

    private Refused(String name, Fault fault, String code, String fix) {
        this.name = name;
        this.fault = fault;
        this.code = code;
        this.fix = fix;
    }

    /** AccessDeniedException on every request; the diagnostic names the IAM action. */
    public static Refused accessDenied() {
        return new Refused("access denied", Fault.accessDenied(), "AccessDeniedException",
                "allow the IAM action logs:PutLogEvents");
    }

    /** UnrecognizedClientException on every request; the diagnostic points at the credentials. */
    public static Refused badCredentials() {
        return new Refused("bad credentials", Fault.unrecognizedClient(), "UnrecognizedClientException",
                "check the credentials");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "50 invocations (5 in the short version) of a function logging " + LoggingRun.EVENTS_PER_INVOCATION
                + " events each, every request answered 400 " + code;
    }

    @Override
    public List<Row> run(Harness harness) throws Exception {
        int invocations = harness.size(5, 50);
        try (LoggingRun run = new LoggingRun(harness, name, 30)) {
            run.logs.failRepeatedly(null, List.of(fault), 0);
            for (int i = 0; i < invocations; i++) {
                run.invokeOk("");
            }
            Row row = run.row(name, "", Set.of(Allow.FALLBACK));
            List<String> diagnostics = run.diagnostics();
            List<String> naming = diagnostics.stream().filter(d -> d.contains(code) && d.contains(fix)).toList();
            long puts = run.logs.requests("PutLogEvents");
            List<String> problems = new ArrayList<>();
            if (naming.size() != run.coldStarts() || diagnostics.size() != naming.size()) {
                problems.add(diagnostics.size() + " diagnostics, " + naming.size() + " of them naming " + code
                        + " and \"" + fix + "\"; expected exactly one per JVM (" + run.coldStarts() + ")");
            }
            if (puts != invocations) {
                problems.add(puts + " PutLogEvents for " + invocations + " invocations: a refusal was retried, or an "
                        + "invocation sent nothing");
            }
            if (row.fallback() != row.logged()) {
                problems.add(row.logged() - row.fallback() + " events not in the fallback though every request was refused");
            }
            String outcome = puts + " PutLogEvents for " + invocations + " invocations, all refused with " + code
                    + ", none retried; every invocation succeeded; " + naming.size() + " diagnostic per JVM: \""
                    + LoggingRun.excerpt(naming) + "\"";
            return List.of(LoggingRun.withOutcome(row, outcome).with(problems));
        }
    }
}
