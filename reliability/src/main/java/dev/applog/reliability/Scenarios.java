package dev.applog.reliability;

import dev.applog.reliability.scenario.BadInputScenario;
import dev.applog.reliability.scenario.BigInvocation;
import dev.applog.reliability.scenario.BusyApplication;
import dev.applog.reliability.scenario.DeletedMidRun;
import dev.applog.reliability.scenario.FreezeAndKill;
import dev.applog.reliability.scenario.Halt;
import dev.applog.reliability.scenario.ManyWriters;
import dev.applog.reliability.scenario.Outage;
import dev.applog.reliability.scenario.Refused;
import dev.applog.reliability.scenario.RepeatingFaults;
import dev.applog.reliability.scenario.SlowResponses;
import dev.applog.reliability.scenario.Threads;
import dev.applog.reliability.scenario.Timeouts;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Every scenario, in the order the table shows them. */
public final class Scenarios {

    private Scenarios() {
    }

    public static List<Scenario> all() {
        return List.of(
                new FreezeAndKill(),
                new ManyWriters(),
                new Threads(),
                BusyApplication.burst(),
                BusyApplication.sustained(),
                new BigInvocation(),
                new BadInputScenario(),
                new Timeouts(),
                RepeatingFaults.throttling(),
                RepeatingFaults.serverErrorBursts(),
                RepeatingFaults.droppedConnections(),
                new Outage(),
                new SlowResponses(),
                Refused.accessDenied(),
                Refused.badCredentials(),
                new DeletedMidRun(),
                new Halt());
    }

    /** The scenarios named (all when none is); an unknown name is an error that lists the known ones. */
    public static List<Scenario> select(List<String> names) {
        if (names.isEmpty()) {
            return all();
        }
        List<Scenario> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(all().stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no scenario '" + name + "'; the scenarios are: "
                            + all().stream().map(Scenario::name).collect(Collectors.joining(", ")))));
        }
        return chosen;
    }
}
