#!/bin/sh
# kustomize starts this with a ResourceList on stdin and reads the ResourceList it prints: the items with the
# prescaling metric, and each problem as a result (kustomize stops the build on an error result).
# PRESCALER_JAR: the jar to run (default: the one `mvn package` builds in this checkout).
here=$(cd "$(dirname "$0")" && pwd)
exec java -jar "${PRESCALER_JAR:-$here/../../target/prescaler.jar}" mutate "$@"
