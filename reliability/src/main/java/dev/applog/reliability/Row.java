package dev.applog.reliability;

import java.util.List;

/**
 * One line of the harness's table: what a scenario's handlers logged and where each event ended up, counted by
 * id. {@code problems} lists every broken promise (an event lost, an unexplained duplicate, a fallback where
 * CloudWatch did not refuse, a handler that saw the logger's exception); empty when the scenario kept them all.
 *
 * @param scenario    the scenario's name (a bad-input case is named {@code bad input: CASE})
 * @param invocations invocations of the scenario's functions (or log calls, for a case run in-process)
 * @param logged      distinct events the handlers logged
 * @param stored      distinct logged events found in the stream(s)
 * @param storedTwice logged events found in the stream more than once
 * @param fallback    logged events not stored but printed as fallback lines on the function's stdout
 * @param lost        logged events neither stored nor in the fallback
 * @param outcome     what happened, in a few words (the duplicates explained, the diagnostic printed...)
 * @param problems    the promises broken
 */
public record Row(String scenario, long invocations, long logged, long stored, long storedTwice, long fallback,
        long lost, String outcome, List<String> problems) {

    public Row {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** This row with more problems. */
    public Row with(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(problems);
        all.addAll(more);
        return new Row(scenario, invocations, logged, stored, storedTwice, fallback, lost, outcome, all);
    }
}
