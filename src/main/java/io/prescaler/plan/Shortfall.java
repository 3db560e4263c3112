package io.prescaler.plan;

import java.time.Instant;

/**
 * A span [from, to) of the day that asks for {@code minimum} replicas, in which the HPA model never runs more than
 * {@code highest}: prescaling does not hold its minimum there (Bedrock's encoding on Kubernetes >= 1.33, an HPA
 * consuming no prescaling metric, a maxReplicas or a behavior too tight for the span).
 */
public record Shortfall(Instant from, Instant to, int minimum, int highest) {}
