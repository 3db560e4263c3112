/**
 * The one error model: the failures the project expects, each with its exit code (1 for bad input data or an
 * unreachable or refusing cluster, 2 for usage errors). Imports nothing; every package may import it.
 */
package io.prescaler.failure;
