/**
 * Adapters from fabric8 Kubernetes objects to the core's inputs: {@code HpaFacts} is the one reading of an HPA
 * object (annotations, replicas, target, metrics), {@code HpaBehaviors} turns an HPA's {@code spec.behavior} into
 * the model's rules. No API calls here.
 *
 * <p>May import {@code schedule}, {@code hpa} and the fabric8 model.
 */
package io.prescaler.kube;
