package dev.applog.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.endpoints.CloudWatchLogsEndpointProvider;

/** The light transport's endpoint is the one the SDK's client resolves, for every region, FIPS and dual-stack. */
class LightLogsTransportEndpointTest {

    @Test
    void everyRegionTheSdkKnowsInEveryPartitionWithFipsAndDualStackMatchesTheClientsEndpointRules() {
        CloudWatchLogsEndpointProvider rules = CloudWatchLogsEndpointProvider.defaultProvider();
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (Region region : Region.regions()) {
            if (region.isGlobalRegion()) {
                continue;  // aws-global and the like: pseudo regions no Lambda function runs in
            }
            for (boolean fips : new boolean[] {false, true}) {
                for (boolean dualStack : new boolean[] {false, true}) {
                    URI expected;
                    try {
                        expected = rules.resolveEndpoint(p -> p.region(region).useFips(fips).useDualStack(dualStack))
                                .join().url();
                    } catch (RuntimeException e) {
                        continue;  // the rules refuse the combination: nothing to compare
                    }
                    URI ours = LightLogsTransport.endpoint(Map.<String, String>of()::get, region.id(), fips, dualStack);
                    checked++;
                    if (!expected.equals(ours)) {
                        mismatches.add(region.id() + " fips=" + fips + " dualStack=" + dualStack + ": SDK " + expected
                                + ", ours " + ours);
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches);
        assertTrue(checked > 100, "regions checked: " + checked);
    }

    @Test
    void theNamedPartitionsGiveTheirOwnHosts() {
        assertEquals(URI.create("https://logs.cn-north-1.amazonaws.com.cn"),
                LightLogsTransport.endpoint(Map.<String, String>of()::get, "cn-north-1", false, false));
        assertEquals(URI.create("https://logs.us-gov-west-1.amazonaws.com"),
                LightLogsTransport.endpoint(Map.<String, String>of()::get, "us-gov-west-1", true, false));
        assertEquals(URI.create("https://logs-fips.us-gov-west-1.api.aws"),
                LightLogsTransport.endpoint(Map.<String, String>of()::get, "us-gov-west-1", true, true));
        assertEquals(URI.create("https://logs-fips.us-east-1.amazonaws.com"),
                LightLogsTransport.endpoint(Map.<String, String>of()::get, "us-east-1", true, false));
        assertEquals(URI.create("https://logs.eu-west-1.api.aws"),
                LightLogsTransport.endpoint(Map.<String, String>of()::get, "eu-west-1", false, true));
    }

    @Test
    void theServicesVariableComesFirstThenTheGlobalOneAndAnEmptyOneCountsAsUnset() {
        assertEquals(URI.create("http://127.0.0.1:4566"), LightLogsTransport.endpoint(Map.of(
                "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://127.0.0.1:4566", "AWS_ENDPOINT_URL", "http://other:1")::get,
                "us-east-1", true, true));
        assertEquals(URI.create("http://other:1"), LightLogsTransport.endpoint(Map.of(
                "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", " ", "AWS_ENDPOINT_URL", "http://other:1")::get, "us-east-1", false, false));
        assertEquals(URI.create("https://logs.us-east-1.amazonaws.com"), LightLogsTransport.endpoint(Map.of(
                "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "", "AWS_ENDPOINT_URL", "")::get, "us-east-1", false, false));
    }

    @Test
    void aFipsOrDualStackSettingThatIsNoBooleanIsRefusedNamingTheSetting() {
        assertTrue(LightLogsTransport.flag("applog.test.unset", "TRUE"));
        assertEquals(false, LightLogsTransport.flag("applog.test.unset", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LightLogsTransport.flag("aws.useFipsEndpoint", "yes"));
        assertTrue(e.getMessage().contains("aws.useFipsEndpoint") && e.getMessage().contains("yes"), e.getMessage());
    }
}
