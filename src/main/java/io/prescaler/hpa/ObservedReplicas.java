package io.prescaler.hpa;

/**
 * The replica counts an exporter could see when it computed the value the HPA reads, that is D seconds (the
 * pipeline delay) before the sync.
 *
 * @param deploymentSpec the Deployment's spec.replicas before any sync at that instant
 * @param hpaStatusCurrent the HPA's status.currentReplicas: the spec read at the start of the previous sync, which
 *     is what Prescaler's exporter (and Bedrock's) reads
 */
public record ObservedReplicas(int deploymentSpec, int hpaStatusCurrent) {}
