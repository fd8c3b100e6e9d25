#!/usr/bin/env python3
"""Trains the base vibration classifiers and exports them to ONNX with a model card.

Reads data sets written by the simulator (`SimulatorCli dataset`): windows.f32 (N x 3 x L float32 LE,
channel-first), labels.u8, meta.json. Normalisation (per-channel mean/std of the training set) is NOT
in the graph: the agent applies it, the card carries it. The card's accuracy and latency are measured
with onnxruntime on the exported file, not with torch.

    python3 models/recipes/train.py --train models/.work/train --val models/data/validation \
        --model vibration-cnn --out models/vibration-cnn
"""

import argparse
import hashlib
import json
import os
import random
import time
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import torch
from torch import nn

OPSET, IR_VERSION = 17, 8  # IR 8 loads in any ORT >= 1.14, Java included
HOP = 512


def block(cin, cout, kernel, stride, pool):
    layers = [nn.Conv1d(cin, cout, kernel, stride=stride, padding=kernel // 2, bias=False),
              nn.BatchNorm1d(cout), nn.ReLU()]
    if pool:
        layers.append(nn.MaxPool1d(pool))
    return layers


class VibrationCnn(nn.Module):
    """Conv1d/BatchNorm1d/ReLU/MaxPool blocks, global average pool, Gemm hidden layer, Gemm logits."""

    def __init__(self, spec, hidden, classes):
        super().__init__()
        layers, cin = [], 3
        for cout, kernel, stride, pool in spec:
            layers += block(cin, cout, kernel, stride, pool)
            cin = cout
        self.features = nn.Sequential(*layers)
        self.head = nn.Sequential(nn.AdaptiveAvgPool1d(1), nn.Flatten(),
                                  nn.Linear(cin, hidden), nn.ReLU(), nn.Linear(hidden, classes))

    def forward(self, x):
        return self.head(self.features(x))


# (out channels, kernel, stride, max-pool) per block
ARCHS = {
    "vibration-cnn": dict(spec=[(16, 7, 2, 2), (32, 5, 1, 2), (64, 3, 1, 2)], hidden=32, epochs=10),
    "vibration-cnn-teacher": dict(spec=[(32, 9, 4, 2), (64, 7, 1, 2), (128, 5, 1, 2), (128, 3, 1, 2)],
                                  hidden=64, epochs=6),
}


def load(folder):
    folder = Path(folder)
    meta = json.loads((folder / "meta.json").read_text())
    n, length = meta["count"], meta["windowSize"]
    x = np.fromfile(folder / "windows.f32", dtype="<f4").reshape(n, len(meta["channels"]), length)
    y = np.fromfile(folder / "labels.u8", dtype=np.uint8).astype(np.int64)
    assert len(y) == n, f"{folder}: labels.u8 has {len(y)} entries, meta.json says {n}"
    return x, y, meta


def macs(model, length):
    """Multiply-accumulates of one inference (Conv1d and Linear only; BN/ReLU/pool are negligible)."""
    total, hooks = [0], []

    def conv_hook(m, inp, out):
        total[0] += out.numel() * (m.in_channels // m.groups) * m.kernel_size[0]

    def linear_hook(m, inp, out):
        total[0] += m.in_features * m.out_features

    for m in model.modules():
        if isinstance(m, nn.Conv1d):
            hooks.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, nn.Linear):
            hooks.append(m.register_forward_hook(linear_hook))
    with torch.no_grad():
        model(torch.zeros(1, 3, length))
    for h in hooks:
        h.remove()
    return total[0]


def train(model, x, y, epochs, seed, batch=64):
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    steps = epochs * ((len(x) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps)
    loss_fn = nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(seed)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(len(xt), generator=gen)
        total, correct, started = 0.0, 0, time.time()
        for i in range(0, len(xt), batch):
            idx = perm[i:i + batch]
            xb = xt[idx]
            # Random circular shift: windows start anywhere in the stream.
            xb = torch.roll(xb, int(torch.randint(0, xb.shape[-1], (1,), generator=gen)), dims=-1)
            out = model(xb)
            loss = loss_fn(out, yt[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
            correct += (out.argmax(1) == yt[idx]).sum().item()
        print(f"epoch {epoch + 1}/{epochs} loss {total / len(xt):.4f} "
              f"train acc {correct / len(xt):.4f} ({time.time() - started:.1f} s)", flush=True)


def export(model, path, length):
    model.eval()
    torch.onnx.export(model, (torch.zeros(1, 3, length),), str(path), dynamo=False,
                      input_names=["input"], output_names=["logits"], opset_version=OPSET,
                      do_constant_folding=True)
    m = onnx.load(str(path))
    m.ir_version = IR_VERSION
    m.producer_name = "edgeladder-models"
    onnx.checker.check_model(m)
    onnx.save(m, str(path))
    return m


def ort_eval(path, x, y, latency_runs=500):
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    preds = np.array([int(np.argmax(sess.run(["logits"], {"input": x[i:i + 1]})[0])) for i in range(len(x))])
    accuracy = float((preds == y).mean())
    confusion = np.zeros((5, 5), dtype=int)
    for t, p in zip(y, preds):
        confusion[t, p] += 1
    one = x[:1]
    for _ in range(50):
        sess.run(["logits"], {"input": one})
    times = []
    for i in range(latency_runs):
        start = time.perf_counter()
        sess.run(["logits"], {"input": x[i % len(x):i % len(x) + 1]})
        times.append((time.perf_counter() - start) * 1e3)
    return accuracy, confusion, float(np.percentile(times, 50))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train", required=True)
    p.add_argument("--val", required=True)
    p.add_argument("--model", required=True, choices=sorted(ARCHS))
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--epochs", type=int)
    p.add_argument("--version", default="1.0.0")
    args = p.parse_args()

    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    random.seed(args.seed)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(2)

    x, y, meta = load(args.train)
    vx, vy, vmeta = load(args.val)
    assert vmeta["classes"] == meta["classes"] and vmeta["windowSize"] == meta["windowSize"]
    mean = x.mean(axis=(0, 2)).astype(np.float32)
    std = x.std(axis=(0, 2)).astype(np.float32)
    xn = ((x - mean[None, :, None]) / std[None, :, None]).astype(np.float32)
    vxn = ((vx - mean[None, :, None]) / std[None, :, None]).astype(np.float32)

    arch = ARCHS[args.model]
    epochs = args.epochs or arch["epochs"]
    model = VibrationCnn(arch["spec"], arch["hidden"], len(meta["classes"]))
    started = time.time()
    train(model, xn, y, epochs, args.seed)
    train_seconds = time.time() - started

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    onnx_path = out / "model.onnx"
    export(model, onnx_path, meta["windowSize"])
    accuracy, confusion, p50 = ort_eval(onnx_path, vxn, vy)
    data = onnx_path.read_bytes()
    params = sum(p.numel() for p in model.parameters())
    nodes = [n.op_type for n in onnx.load(str(onnx_path)).graph.node]
    print(f"{args.model}: ORT validation accuracy {accuracy:.4f} on {len(vy)} windows, p50 {p50:.3f} ms, "
          f"{params} params, {macs(model, meta['windowSize'])} MACs, {len(data)} bytes, ops {nodes}")
    print("confusion (rows = truth):\n", confusion)

    card = {
        "name": args.model,
        "version": args.version,
        "file": "model.onnx",
        "sha256": hashlib.sha256(data).hexdigest(),
        "classes": meta["classes"],
        "input": {"name": "input", "shape": [1, 3, meta["windowSize"]], "layout": "NCW",
                  "channels": meta["channels"], "sampleRateHz": int(meta["sampleRateHz"]),
                  "windowSize": meta["windowSize"], "hop": HOP,
                  "normalization": {"mean": [round(float(v), 6) for v in mean],
                                    "std": [round(float(v), 6) for v in std]}},
        "output": {"name": "logits", "shape": [1, len(meta["classes"])], "kind": "logits"},
        "metrics": {"validationAccuracy": round(accuracy, 4), "validationWindows": int(len(vy)),
                    "parameters": int(params), "macs": int(macs(model, meta["windowSize"])),
                    "sizeBytes": len(data), "ortLatencyMsP50": round(p50, 4),
                    "confusion": confusion.tolist()},
        "training": {"seed": args.seed, "epochs": epochs, "trainWindows": int(len(y)),
                     "trainSeconds": round(train_seconds, 1),
                     "architecture": {"blocks": [list(b) for b in arch["spec"]], "hidden": arch["hidden"],
                                      "blockFormat": "[outChannels, kernel, stride, maxPool]"},
                     "batchNorm": "folded into Conv by the exporter (eval mode, do_constant_folding)",
                     "opset": OPSET,
                     "dataset": (f"simulator dataset seed {meta['seed']}, {meta['windowsPerClass']} windows per "
                                 f"class, {meta['machines']} machine instances, shaft {meta['shaftHz']} Hz, noise "
                                 f"{meta['noise']} m/s2; validation: seed {vmeta['seed']}, "
                                 f"{vmeta['windowsPerClass']} per class, other machine instances"),
                     "torch": torch.__version__, "onnxruntime": ort.__version__},
    }
    (out / "model-card.json").write_text(json.dumps(card, indent=2) + "\n")


if __name__ == "__main__":
    main()
