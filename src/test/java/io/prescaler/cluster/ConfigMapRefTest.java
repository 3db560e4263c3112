package io.prescaler.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigMapRefTest {

    @ParameterizedTest(name = "--configmap {0} (client namespace {1}) -> {2}/{3}")
    @CsvSource(
            nullValues = "-",
            value = {
                // a bare name: the pod's own namespace, whatever the install is called
                "prescaling-events,           media-prescaler, media-prescaler, prescaling-events",
                "events-of-the-cup,           prescaler,       prescaler,       events-of-the-cup",
                "other/prescaling-events,     prescaler,       other,           prescaling-events",
                "-,                           prescaler,       prescaler,       prescaling-events",
                "prescaling-events,           -,               default,         prescaling-events",
            })
    void findsTheConfigMapInTheClientsNamespaceUnlessTold(
            String flag, String ownNamespace, String namespace, String name) {
        assertEquals(new ConfigMapRef(namespace, name), ConfigMapRef.parse(flag).in(ownNamespace));
    }

    @ParameterizedTest(name = "--configmap {0}")
    @CsvSource({"a/b/c", "/prescaling-events", "prescaler/"})
    void refusesAConfigMapThatIsNeitherNameNorNamespaceSlashName(String flag) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigMapRef.parse(flag));
        assertEquals(
                "'" + flag + "' is not NAME or NAMESPACE/NAME (for example prescaling-events, or"
                        + " prescaler/prescaling-events)",
                e.getMessage());
    }
}
