package dev.applog.reliability;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the scenarios and prints one table. {@code reliability/run [quick|full] [SCENARIO...]}: the full version
 * (the default) also rewrites the results section of RELIABILITY.md; exits 1 when a promise was broken.
 */
public final class Reliability {

    static final String MARKER = "<!-- results: written by reliability/run, do not edit by hand -->";

    private Reliability() {
    }

    /** Runs {@code scenarios}, printing each row as it is known; a scenario that throws is a row with that problem. */
    public static List<Row> run(Harness harness, List<Scenario> scenarios, PrintStream progress) {
        List<Row> rows = new ArrayList<>();
        List<String> modes;
        try {
            modes = Harness.deliveries();
        } catch (IllegalArgumentException e) {
            return List.of(new Row("delivery", 0, 0, 0, 0, 0, 0, "the harness failed", List.of(e.getMessage())));
        }
        for (String mode : modes) {
            Harness inMode;
            try {
                inMode = harness.withDelivery(mode);
            } catch (IOException e) {
                return List.of(new Row("delivery", 0, 0, 0, 0, 0, 0, "the harness failed", List.of(e.toString())));
            }
            for (Row row : runIn(inMode, scenarios, progress)) {
                // before-return keeps the rows' names (the library's default until after-response became it in
                // Lambda; RELIABILITY.md's table names them so); the other mode is marked
                rows.add(mode.equals("before-return") ? row : new Row(row.scenario() + " [" + mode + "]",
                        row.invocations(), row.logged(), row.stored(), row.storedTwice(), row.fallback(), row.lost(),
                        row.outcome(), row.problems()));
            }
        }
        return rows;
    }

    private static List<Row> runIn(Harness harness, List<Scenario> scenarios, PrintStream progress) {
        List<Row> rows = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            long start = System.nanoTime();
            List<Row> result;
            try {
                result = scenario.run(harness);
            } catch (Exception | Error e) {
                result = List.of(new Row(scenario.name(), 0, 0, 0, 0, 0, 0, "the harness failed",
                        List.of("the scenario could not run: " + e)));
                e.printStackTrace(progress);
            }
            for (Row row : result) {
                progress.printf("%-40s %-15s %s%n", row.scenario(), harness.delivery(), row.ok() ? "ok" : "PROBLEMS " + row.problems());
            }
            progress.printf("  (%s: %.1f s)%n", scenario.name(), (System.nanoTime() - start) / 1e9);
            rows.addAll(result);
        }
        return rows;
    }

    /** The table, as Markdown. */
    static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | invocations | events logged | stored | stored twice | fallback | lost | outcome |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        long[] totals = new long[6];
        for (Row row : rows) {
            out.append("| ").append(row.scenario()).append(" | ").append(row.invocations()).append(" | ")
                    .append(row.logged()).append(" | ").append(row.stored()).append(" | ").append(row.storedTwice())
                    .append(" | ").append(row.fallback()).append(" | ").append(row.lost()).append(" | ")
                    .append(row.ok() ? row.outcome() : "**" + String.join("; ", row.problems()) + "** " + row.outcome())
                    .append(" |\n");
            totals[0] += row.invocations();
            totals[1] += row.logged();
            totals[2] += row.stored();
            totals[3] += row.storedTwice();
            totals[4] += row.fallback();
            totals[5] += row.lost();
        }
        out.append("| **all** | ").append(totals[0]).append(" | ").append(totals[1]).append(" | ").append(totals[2])
                .append(" | ").append(totals[3]).append(" | ").append(totals[4]).append(" | ").append(totals[5])
                .append(" | ").append(rows.stream().filter(r -> !r.ok()).count()).append(" scenarios with problems |\n");
        return out.toString();
    }

    public static void main(String[] args) throws IOException {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean full = true;
        if (!rest.isEmpty() && rest.get(0).replace("--", "").matches("quick|full")) {
            full = rest.remove(0).endsWith("full");
        }
        List<Scenario> chosen = Scenarios.select(rest);
        Harness harness = Harness.fromSystemProperties(full);
        long start = System.nanoTime();
        List<Row> rows = run(harness, chosen, System.out);
        double minutes = (System.nanoTime() - start) / 60e9;
        String table = table(rows);
        System.out.println();
        System.out.print(table);
        String report = System.getenv("RELIABILITY_REPORT");
        if (full && rest.isEmpty() && report != null && !report.isBlank()) {
            write(Path.of(report), results(chosen, rows, table, minutes));
            System.out.println("\nwrote the results into " + report);
        }
        System.exit(rows.stream().allMatch(Row::ok) ? 0 : 1);
    }

    private static String results(List<Scenario> scenarios, List<Row> rows, String table, double minutes) {
        StringBuilder out = new StringBuilder();
        out.append("## Results of the last full run\n\n| | |\n|---|---|\n");
        out.append("| date | ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(" |\n");
        out.append("| machine | ").append(env("RELIABILITY_MACHINE", Runtime.getRuntime().availableProcessors() + " cores"))
                .append(" |\n");
        out.append("| JDK | ").append(ManagementFactory.getRuntimeMXBean().getVmName()).append(' ')
                .append(System.getProperty("java.vm.version")).append(" |\n");
        out.append("| command | `reliability/run` |\n");
        out.append(String.format("| took | %.1f minutes |%n", minutes));
        out.append("| also running | ").append(env("RELIABILITY_NOTE", "not stated")).append(" |\n\n");
        out.append(table);
        List<Row> broken = rows.stream().filter(r -> !r.ok()).toList();
        long documentedLoss = rows.stream().filter(Row::ok).mapToLong(Row::lost).sum();
        out.append('\n').append(broken.isEmpty() ? "Every promise kept: nothing lost"
                + (documentedLoss > 0 ? " but the " + documentedLoss + " events the README says a process that dies "
                + "loses (the halt rows)" : "") + ", no unexplained duplicate, no fallback where CloudWatch did not "
                + "refuse, each writer's events in the order it logged them.\n"
                : broken.size() + " rows broke a promise (in bold).\n");
        out.append("\nThe scenarios (full sizes; the short version in CI runs each smaller):\n\n");
        for (Scenario scenario : scenarios) {
            out.append("- **").append(scenario.name()).append("**: ").append(scenario.description()).append('\n');
        }
        return out.toString();
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    private static void write(Path file, String results) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int at = text.indexOf(MARKER);
        if (at < 0) {
            throw new IllegalStateException(file + " has no line " + MARKER);
        }
        Files.writeString(file, text.substring(0, at + MARKER.length()) + "\n\n" + results, StandardCharsets.UTF_8);
    }
}
