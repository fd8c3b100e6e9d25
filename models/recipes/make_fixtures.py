#!/usr/bin/env python3
"""Writes the tiny ONNX fixtures the agent's inference tests load (models/fixtures/).

Seeded and offline: onnx.helper builds the graphs, numpy draws the weights, onnxruntime computes
the golden output. Re-running reproduces the same files. Java builds never run this script; its
outputs are committed.

    python3 models/recipes/make_fixtures.py [--out models/fixtures]
"""

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

SEED = 20240611
CHANNELS, LENGTH, FILTERS, KERNEL, CLASSES = 3, 1024, 8, 7, 5
OPSET, IR_VERSION = 17, 8  # old enough for any ORT >= 1.14, Java included


def conv_head(rng, input_name, dims):
    """Conv1d(3->8, k7, same) + ReLU + global average pool + Gemm(8->5): the base model's shape."""
    weights = [
        numpy_helper.from_array(rng.standard_normal((FILTERS, CHANNELS, KERNEL)).astype(np.float32) * 0.2, "conv_w"),
        numpy_helper.from_array(rng.standard_normal(FILTERS).astype(np.float32) * 0.1, "conv_b"),
        numpy_helper.from_array(rng.standard_normal((CLASSES, FILTERS)).astype(np.float32) * 0.5, "fc_w"),
        numpy_helper.from_array(rng.standard_normal(CLASSES).astype(np.float32) * 0.1, "fc_b"),
    ]
    nodes = [
        helper.make_node("Conv", [input_name, "conv_w", "conv_b"], ["conv"], pads=[KERNEL // 2, KERNEL // 2]),
        helper.make_node("Relu", ["conv"], ["relu"]),
        helper.make_node("GlobalAveragePool", ["relu"], ["gap"]),
        helper.make_node("Flatten", ["gap"], ["flat"], axis=1),
        helper.make_node("Gemm", ["flat", "fc_w", "fc_b"], ["logits"], transB=1),
    ]
    return nodes, weights


def model(name, nodes, inputs, outputs, weights):
    graph = helper.make_graph(nodes, name, inputs, outputs, initializer=weights)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="edgeladder-fixtures")
    m.ir_version = IR_VERSION
    onnx.checker.check_model(m)
    return m


def logits_out(dims=(1, CLASSES)):
    return helper.make_tensor_value_info("logits", TensorProto.FLOAT, list(dims))


def tiny_conv(rng):
    nodes, weights = conv_head(rng, "input", None)
    x = helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, CHANNELS, LENGTH])
    return model("tiny-conv", nodes, [x], [logits_out()], weights)


def two_inputs(rng):
    nodes, weights = conv_head(rng, "sum", None)
    nodes.insert(0, helper.make_node("Add", ["a", "b"], ["sum"]))
    a = helper.make_tensor_value_info("a", TensorProto.FLOAT, [1, CHANNELS, LENGTH])
    b = helper.make_tensor_value_info("b", TensorProto.FLOAT, [1, CHANNELS, LENGTH])
    return model("two-inputs", nodes, [a, b], [logits_out()], weights)


def dynamic_shape(rng):
    nodes, weights = conv_head(rng, "input", None)
    x = helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, CHANNELS, "length"])
    return model("dynamic-shape", nodes, [x], [logits_out()], weights)


def int_input(rng):
    nodes, weights = conv_head(rng, "as_float", None)
    nodes.insert(0, helper.make_node("Cast", ["input"], ["as_float"], to=TensorProto.FLOAT))
    x = helper.make_tensor_value_info("input", TensorProto.INT64, [1, CHANNELS, LENGTH])
    return model("int-input", nodes, [x], [logits_out()], weights)


def batch_two(rng):
    nodes, weights = conv_head(rng, "input", None)
    x = helper.make_tensor_value_info("input", TensorProto.FLOAT, [2, CHANNELS, LENGTH])
    return model("batch-two", nodes, [x], [logits_out((2, CLASSES))], weights)


def dynamic_output(rng):
    """Static input, but the output keeps only the classes up to the arg-max: a data-dependent width
    that no shape inference can pin down."""
    nodes, weights = conv_head(rng, "input", None)
    nodes[-1].output[0] = "scores"
    weights += [
        numpy_helper.from_array(np.array([0], dtype=np.int64), "zero"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "one"),
    ]
    nodes += [
        helper.make_node("ArgMax", ["scores"], ["best"], axis=1, keepdims=0),
        helper.make_node("Add", ["best", "one"], ["end"]),
        helper.make_node("Slice", ["scores", "zero", "end", "one"], ["logits"]),
    ]
    x = helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, CHANNELS, LENGTH])
    return model("dynamic-output", nodes, [x], [logits_out((1, "classes"))], weights)


def golden(path):
    """One seeded input and ORT's output for it, for the Java adapter to reproduce."""
    rng = np.random.default_rng(SEED + 1)
    x = rng.standard_normal((1, CHANNELS, LENGTH)).astype(np.float32)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    (y,) = session.run(["logits"], {"input": x})
    return {
        "model": path.name,
        "onnxruntime": ort.__version__,
        "inputName": "input",
        "inputShape": list(x.shape),
        "outputName": "logits",
        "outputShape": list(y.shape),
        # float32 values widened to float64 exactly, so Java reads back the same bits
        "input": [float(v) for v in x.ravel()],
        "output": [float(v) for v in y.ravel()],
    }


def card(path):
    """A model card (protocol ModelCard) for tiny-conv, so the card-vs-session check runs on every build."""
    return {
        "name": "tiny-conv",
        "version": "fixture",
        "file": path.name,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "classes": ["c0", "c1", "c2", "c3", "c4"],
        "input": {
            "name": "input",
            "shape": [1, CHANNELS, LENGTH],
            "layout": "NCW",
            "channels": ["x", "y", "z"],
            "sampleRateHz": 1024,
            "windowSize": LENGTH,
            "hop": LENGTH // 2,
            "normalization": {"mean": [0.0] * CHANNELS, "std": [1.0] * CHANNELS},
        },
        "output": {"name": "logits", "shape": [1, CLASSES], "kind": "logits"},
        "metrics": {},
        "training": {"recipe": "models/recipes/make_fixtures.py", "weights": f"random, seed {SEED + 100}"},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "fixtures")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)

    builders = {
        "tiny-conv": tiny_conv,
        "two-inputs": two_inputs,
        "dynamic-shape": dynamic_shape,
        "int-input": int_input,
        "batch-two": batch_two,
        "dynamic-output": dynamic_output,
    }
    for i, (name, build) in enumerate(builders.items()):
        onnx.save(build(np.random.default_rng(SEED + 100 + i)), out / f"{name}.onnx")

    tiny = (out / "tiny-conv.onnx").read_bytes()
    (out / "truncated.onnx").write_bytes(tiny[: len(tiny) // 2])
    (out / "not-onnx.onnx").write_text("this is a text file, not an ONNX model\n")
    (out / "tiny-conv.model-card.json").write_text(json.dumps(card(out / "tiny-conv.onnx"), indent=2) + "\n")
    (out / "tiny-conv.golden.json").write_text(json.dumps(golden(out / "tiny-conv.onnx"), indent=1) + "\n")
    for f in sorted(out.iterdir()):
        print(f"{f.stat().st_size:>8}  {f.name}")


if __name__ == "__main__":
    main()
