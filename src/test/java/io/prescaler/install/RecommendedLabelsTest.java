package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every object and pod template carries the Kubernetes recommended {@code app.kubernetes.io/*} labels, and no
 * selector depends on one that changes: a Deployment's selector is immutable.
 */
class RecommendedLabelsTest {

    private static final List<String> RECOMMENDED = List.of(
            "app.kubernetes.io/name",
            "app.kubernetes.io/instance",
            "app.kubernetes.io/version",
            "app.kubernetes.io/component",
            "app.kubernetes.io/part-of",
            "app.kubernetes.io/managed-by");

    /** What a selector may match on: the labels that never change for a part of the install. */
    private static final Set<String> STABLE = Set.of("app.kubernetes.io/name");

    /** Where pod templates (and a CronJob's Job template) keep their labels, by kind. */
    private static final Map<String, List<String>> TEMPLATES = Map.of(
            "Deployment",
            List.of("/spec/template/metadata/labels"),
            "Job",
            List.of("/spec/template/metadata/labels"),
            "CronJob",
            List.of("/spec/jobTemplate/metadata/labels", "/spec/jobTemplate/spec/template/metadata/labels"));

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void everyObjectAndPodTemplateCarriesTheRecommendedLabels(InstallVariant variant) {
        List<Executable> checks = new ArrayList<>();
        for (JsonNode document : RenderedInstall.of(variant).documents()) {
            String object = StrictManifestReader.describe(document);
            checks.add(() -> assertHasRecommendedLabels(object, document.at("/metadata/labels")));
            for (String pointer : TEMPLATES.getOrDefault(document.path("kind").asText(), List.of())) {
                checks.add(() -> assertHasRecommendedLabels(object + " " + pointer, document.at(pointer)));
            }
        }
        assertAll(checks);
    }

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void theLabelsNameThisReleaseAndTheInstall(InstallVariant variant) {
        List<Executable> checks = new ArrayList<>();
        for (JsonNode document : RenderedInstall.of(variant).documents()) {
            JsonNode labels = document.at("/metadata/labels");
            String object = StrictManifestReader.describe(document);
            checks.add(() -> assertEquals(
                    Repository.releaseVersion(),
                    labels.path("app.kubernetes.io/version").asText(),
                    object));
            checks.add(() -> assertEquals(
                    "prescaler", labels.path("app.kubernetes.io/part-of").asText(), object));
            checks.add(() -> assertEquals(
                    "prescaler", labels.path("app.kubernetes.io/instance").asText(), object));
            checks.add(() -> assertEquals(
                    "kustomize", labels.path("app.kubernetes.io/managed-by").asText(), object));
        }
        assertAll(checks);
    }

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void selectorsMatchOnlyTheStableNameLabel(InstallVariant variant) {
        List<Executable> checks = new ArrayList<>();
        for (JsonNode document : RenderedInstall.of(variant).documents()) {
            String object = StrictManifestReader.describe(document);
            for (JsonNode selector : document.findValues("matchLabels")) {
                selector.fieldNames()
                        .forEachRemaining(key -> checks.add(() -> assertTrue(
                                STABLE.contains(key) || !key.startsWith("app.kubernetes.io/"),
                                object + " selects on " + key)));
            }
            if (document.path("kind").asText().equals("Service")) {
                document.at("/spec/selector")
                        .fieldNames()
                        .forEachRemaining(key ->
                                checks.add(() -> assertTrue(STABLE.contains(key), object + " selects on " + key)));
            }
        }
        assertAll(checks);
    }

    private static void assertHasRecommendedLabels(String where, JsonNode labels) {
        List<String> missing = RECOMMENDED.stream()
                .filter(key -> labels.path(key).asText().isEmpty())
                .toList();
        assertEquals(List.of(), missing, where + " lacks recommended labels");
    }
}
