package io.prescaler.install;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;

/**
 * A pod template of the install.
 *
 * @param longRunning a server (Deployment), which needs probes; a Job's pod runs to completion and needs none
 */
record Workload(String kind, String name, PodSpec pod, boolean longRunning) {

    List<Container> containers() {
        return pod.getContainers();
    }

    @Override
    public String toString() {
        return kind + " " + name;
    }
}
