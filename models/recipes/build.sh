#!/usr/bin/env bash
# Rebuilds the base models from scratch: simulator jar -> data sets -> training -> ONNX + model cards,
# then the training-time variants derived from them (variants.py).
# Offline; ~20 min on 2 CPU cores. Outputs: models/vibration-cnn{,-teacher}/, models/data/validation/,
# models/variants/<id>/.
# Scratch data (the 120 MB training set) goes to models/.work/ (git-ignored).
#   SKIP_JAVA_BUILD=1  reuse simulator/target/edgeladder-simulator.jar
#   MODELS="vibration-cnn"  train only these models
#   SKIP_VARIANTS=1  do not rebuild models/variants/ (they derive from the committed base and teacher files:
#                    rebuild them whenever either changes)
set -euo pipefail
cd "$(dirname "$0")/../.."

JAR=simulator/target/edgeladder-simulator.jar
if [ "${SKIP_JAVA_BUILD:-0}" != "1" ]; then
  mvn -q -B -pl simulator -am package -DskipTests
fi

python3 -c "import torch, onnx, onnxruntime, numpy" \
  || { echo "install models/recipes/requirements.txt first" >&2; exit 1; }

# Training set: seed 7, 2000 windows per class, 8 machine instances drawn from the seed.
java -jar "$JAR" dataset --out models/.work/train --windows-per-class 2000 --window 1024 \
  --sample-rate 10000 --seed 7
# Held-out validation set: another seed, hence other machine instances; 100 windows per class.
java -jar "$JAR" dataset --out models/data/validation --windows-per-class 100 --window 1024 \
  --sample-rate 10000 --seed 1001

for model in ${MODELS:-vibration-cnn vibration-cnn-teacher}; do
  python3 models/recipes/train.py --train models/.work/train --val models/data/validation \
    --model "$model" --out "models/$model" | tee "models/.work/$model.log"
done

# Training-time variants (distilled student, QAT int8, fine-tuned 50 %-channel-pruned), read from the
# base and teacher ONNX files just written.
if [ "${SKIP_VARIANTS:-0}" != "1" ]; then
  python3 models/recipes/variants.py --train models/.work/train --val models/data/validation \
    | tee models/.work/variants.log
fi
