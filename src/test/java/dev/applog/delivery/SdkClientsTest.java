package dev.applog.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * In Lambda the region and the execution role's credentials are in the environment: the client is given them
 * directly, the first source the SDK's default chains would use anyway, so it does not load and run the chains
 * at the cold start. Whenever something could come before the environment in those chains, or the environment
 * lacks them, the SDK's chains decide as before.
 */
class SdkClientsTest {

    @Test
    void theRegionComesFromAwsRegionWhenItIsSet() {
        assertEquals("eu-west-1", SdkClients.regionFromEnvironment(Map.of("AWS_REGION", " eu-west-1 ")));
        assertNull(SdkClients.regionFromEnvironment(Map.of()), "unset: the SDK's chain (profile, instance metadata)");
        assertNull(SdkClients.regionFromEnvironment(Map.of("AWS_REGION", " ")), "blank: the SDK's chain");
    }

    @Test
    void aRegionSystemPropertyStillComesFirst() {
        System.setProperty("aws.region", "ap-south-1");
        try {
            assertNull(SdkClients.regionFromEnvironment(Map.of("AWS_REGION", "eu-west-1")));
        } finally {
            System.clearProperty("aws.region");
        }
    }

    @Test
    void credentialsInTheEnvironmentAreReadFromItDirectly() {
        assertInstanceOf(EnvironmentVariableCredentialsProvider.class, SdkClients.credentialsFromEnvironment(
                Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token")));
        assertNull(SdkClients.credentialsFromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")),
                "no secret: the default chain (profile, container, instance)");
        assertNull(SdkClients.credentialsFromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "", "AWS_SECRET_ACCESS_KEY", "s")));
        assertNull(SdkClients.credentialsFromEnvironment(Map.of()));
    }

    @Test
    void credentialSystemPropertiesStillComeFirst() {
        System.setProperty("aws.accessKeyId", "AKIDPROPERTY");
        try {
            assertNull(SdkClients.credentialsFromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                    "AWS_SECRET_ACCESS_KEY", "secret")));
        } finally {
            System.clearProperty("aws.accessKeyId");
        }
    }
}
