package io.prescaler.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScaledObjectFactsTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text.replace('\'', '"'));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{'metadata':{'name':'web','namespace':'shop'},'spec':{}}"
                        + "| 0 | 100 | keda-hpa-web | Deployment | 1",
                "{'metadata':{'name':'web','namespace':'shop'},'spec':{'minReplicaCount':3,'maxReplicaCount':12,"
                        + "'scaleTargetRef':{'kind':'StatefulSet','name':'db'}}}"
                        + "| 3 | 12 | keda-hpa-web | StatefulSet | 3",
                "{'metadata':{'name':'web','namespace':'shop'},'spec':{'advanced':{'horizontalPodAutoscalerConfig':"
                        + "{'name':'custom'}}}}| 0 | 100 | custom | Deployment | 1",
                "{'metadata':{'name':'web','namespace':'shop'},'spec':{'minReplicaCount':'two'},"
                        + "'status':{'hpaName':'from-status'}}| 0 | 100 | from-status | Deployment | 1",
            })
    void readsTheBoundsAndTheHpaNameWithKedasDefaults(
            String object, int min, int max, String hpaName, String targetKind, int hpaMin) throws Exception {
        ScaledObjectFacts facts = ScaledObjectFacts.of(json(object));
        assertEquals(min, facts.minReplicaCount());
        assertEquals(max, facts.maxReplicaCount());
        assertEquals(hpaName, facts.hpaName());
        assertEquals(targetKind, facts.targetKind());
        assertEquals(hpaMin, facts.hpaMinReplicas());
        assertEquals("shop/web", facts.key());
        assertEquals(Map.of(), facts.annotations());
    }

    @org.junit.jupiter.api.Test
    void cutsTheHpaNameAt63CharactersAsKedaDoes() throws Exception {
        String name = "a".repeat(60);
        ScaledObjectFacts facts =
                ScaledObjectFacts.of(json("{'metadata':{'name':'" + name + "','namespace':'shop'},'spec':{}}"));
        assertEquals(("keda-hpa-" + name).substring(0, 63), facts.hpaName());
    }
}
