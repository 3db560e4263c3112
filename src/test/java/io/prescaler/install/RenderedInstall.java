package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One variant of the install, rendered by kubectl kustomize and read into typed objects. */
final class RenderedInstall {

    private static final Map<InstallVariant, RenderedInstall> RENDERED = new EnumMap<>(InstallVariant.class);

    private final InstallVariant variant;
    private final String yaml;
    private final List<JsonNode> documents;
    private final List<Object> objects;

    private RenderedInstall(InstallVariant variant, String yaml) {
        this.variant = variant;
        this.yaml = yaml;
        this.documents = StrictManifestReader.documents(yaml);
        this.objects = new ArrayList<>();
        for (JsonNode document : documents) {
            try {
                objects.add(StrictManifestReader.typed(document));
            } catch (IOException | IllegalArgumentException e) {
                fail(variant + ": " + StrictManifestReader.typeKey(document) + " "
                        + document.path("metadata").path("name").asText() + " does not read as its typed model: "
                        + e.getMessage());
            }
        }
    }

    /** Rendered once per test run: kubectl takes a fraction of a second, but there are many checks. */
    static synchronized RenderedInstall of(InstallVariant variant) {
        return RENDERED.computeIfAbsent(variant, v -> new RenderedInstall(v, v.render()));
    }

    InstallVariant variant() {
        return variant;
    }

    String yaml() {
        return yaml;
    }

    List<JsonNode> documents() {
        return documents;
    }

    <T> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream()
                .filter(o -> name.equals(o.getMetadata().getName()))
                .findFirst();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        return find(type, name)
                .orElseGet(() -> fail(variant + " renders no " + type.getSimpleName() + " named " + name));
    }

    /** The install's namespace: the one Namespace object it creates. */
    String namespace() {
        List<Namespace> namespaces = all(Namespace.class);
        if (namespaces.size() != 1) {
            return fail(variant + " should create exactly one Namespace, creates " + namespaces.size());
        }
        return namespaces.get(0).getMetadata().getName();
    }

    /** The pods the install runs: the Deployments' and the Jobs' (including the CronJobs' job templates). */
    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (Deployment d : all(Deployment.class)) {
            workloads.add(new Workload(
                    "Deployment",
                    d.getMetadata().getName(),
                    d.getSpec().getTemplate().getSpec(),
                    true));
        }
        for (Job j : all(Job.class)) {
            workloads.add(new Workload(
                    "Job", j.getMetadata().getName(), j.getSpec().getTemplate().getSpec(), false));
        }
        for (CronJob c : all(CronJob.class)) {
            workloads.add(new Workload(
                    "CronJob",
                    c.getMetadata().getName(),
                    c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec(),
                    false));
        }
        return workloads;
    }

    /** The data of a rendered ConfigMap, by the name it was written under (kustomize may add a hash suffix). */
    Optional<ConfigMap> configMap(String name) {
        return all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(name))
                .findFirst();
    }
}
