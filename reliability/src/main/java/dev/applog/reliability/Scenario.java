package dev.applog.reliability;

import java.util.List;

/** One thing Lambda, the network or the user can do to the logger; run against the harness's local services. */
public interface Scenario {

    /** Short, stable name: the table's first column and what {@code reliability/run NAME} selects. */
    String name();

    /** What it does at full size, in one sentence, for RELIABILITY.md. */
    String description();

    /** Runs it at the harness's size; one row, or one per case. Never throws for a broken promise: a row's problems say it. */
    List<Row> run(Harness harness) throws Exception;
}
