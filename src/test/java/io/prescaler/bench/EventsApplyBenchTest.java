package io.prescaler.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventsApplyBenchTest {

    @ParameterizedTest
    @CsvSource({
        "PATCH, /apis/autoscaling/v2/namespaces/team-1/horizontalpodautoscalers/app-1, PATCH hpa",
        "GET,   /apis/autoscaling/v2/namespaces/team-1/horizontalpodautoscalers/app-1, GET hpa",
        "GET,   /apis/autoscaling/v2/horizontalpodautoscalers,                         GET hpa (list)",
        "GET,   /apis/autoscaling/v2/horizontalpodautoscalers?resourceVersion=0,       GET hpa (list)",
        "GET,   /api/v1/namespaces/prescaler/configmaps/prescaling-events,             GET configmaps",
        "POST,  /api/v1/namespaces/team-1/events,                                      POST events",
    })
    void countsRequestsByMethodAndResource(String method, String path, String kind) {
        assertEquals(kind, EventsApplyBench.kind(method, path));
    }

    @Test
    void writesAKubeconfigTheClientReadsAsTheMockServer() {
        Config config = Config.fromKubeconfig(null, EventsApplyBench.kubeconfig(4711), null);

        assertEquals("http://127.0.0.1:4711/", config.getMasterUrl());
        assertEquals("default", config.getNamespace());
    }

    @Test
    void failsClearlyWithoutTheJar() {
        Path missing = Path.of("target", "no-such-prescaler.jar");
        EventsApplyBench bench = new EventsApplyBench(List.of(10), missing, List.of());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bench::locateJar);
        assertTrue(e.getMessage().contains(missing + " does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -B package -DskipTests"), e.getMessage());
    }
}
