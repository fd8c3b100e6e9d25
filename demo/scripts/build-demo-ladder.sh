#!/usr/bin/env bash
# Rebuilds configs/ladder/ladder.json, the demo's two-rung ladder, from a real evaluation.
#
# The committed validation set (models/data/validation, noise 0.02-0.3 m/s2) is classified perfectly by
# every variant, so a ladder built on it has equal accuracies and the policy would just serve the fastest
# rung. This script writes a noisier held-out set with the simulator's own DatasetWriter (noise 0.5-1.5
# m/s2, seed 1002, 100 windows per class, 8 machine instances), evaluates the base model and the
# training-time variants of models/variants on it with `edgeladder-controller variants build`, and keeps
# the ladder the builder accepts within a 5-point accuracy budget. Variant files are referenced where they
# already live in models/ (same bytes: the manifest's sha256 is checked by the agent at load).
#
# Needs: `mvn -q -DskipTests package` (simulator and controller jars) and a JDK with jshell.
# Run from the repository root: demo/scripts/build-demo-ladder.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/noisy.jsh" <<JSH
new io.edgeladder.simulator.DatasetWriter(new io.edgeladder.simulator.DatasetSpec(
    100, 1024, 10000, 1002, 15, 45, 0.5, 1.5, 8, 4)).write(java.nio.file.Path.of("$work/noisy"));
/exit
JSH
jshell --class-path "simulator/target/edgeladder-simulator.jar:$(ls simulator/target/lib/*.jar | tr '\n' ':')" \
    "$work/noisy.jsh"

java -jar controller/target/edgeladder-controller.jar variants build \
    --base models/vibration-cnn/model-card.json --validation "$work/noisy" \
    --import models/variants --accuracy-budget 5 --out "$work/ladder"

sed -e 's#"file" : "fp32.onnx"#"file" : "../../models/vibration-cnn/model.onnx"#' \
    -e 's#"file" : "\([a-z0-9-]*\).onnx"#"file" : "../../models/variants/vibration-cnn-\1/model.onnx"#' \
    "$work/ladder/ladder.json" > configs/ladder/ladder.json
echo "wrote configs/ladder/ladder.json"
