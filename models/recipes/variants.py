#!/usr/bin/env python3
"""Training-time variants of vibration-cnn, imported by the controller's ladder builder as external variants.

Three variants, each written to models/variants/<id>/{model.onnx, model-card.json} with the base card's
schema, the base's normalisation (mean/std copied from the base card, NOT recomputed: the agent normalises
once per stream, whatever variant runs), plus "technique" and "baseModel":

  vibration-cnn-distilled    depthwise-separable Conv1d student, knowledge distillation from the teacher
  vibration-cnn-qat          quantization-aware training of the base (torch.ao eager QAT, x86 qconfig,
                             Conv+ReLU fused), the fake-quant graph exported by torch as QDQ ONNX
  vibration-cnn-pruned50-ft  base with half the channels everywhere (8/16/32 conv, Gemm 32->16->5),
                             initialised from the base's L1-most-important filters, fine-tuned

The teacher and the base are read back from their committed ONNX files (BatchNorm is folded into Conv
there), so this recipe does not need train.py's checkpoints and its variants derive from exactly the
weights the ladder's fp32 entry has. Accuracy and latency in the cards come from onnxruntime.

    python3 models/recipes/variants.py --train models/.work/train --val models/data/validation
    python3 models/recipes/variants.py --table     # README table: base and variants measured side by side
"""

import argparse
import hashlib
import json
import random
import time
from pathlib import Path

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from torch import nn

import train as base  # models/recipes/train.py: data loading, MACs, ONNX export and ORT evaluation

CLASSES = 5


class FoldedCnn(nn.Module):
    """train.VibrationCnn after BatchNorm folding: Conv1d(bias)/ReLU/MaxPool blocks, GAP, Gemm, ReLU, Gemm."""

    def __init__(self, spec, hidden):
        super().__init__()
        self.convs, self.pools, cin = nn.ModuleList(), nn.ModuleList(), 3
        self.relus = nn.ModuleList()
        for cout, kernel, stride, pool in spec:
            self.convs.append(nn.Conv1d(cin, cout, kernel, stride=stride, padding=kernel // 2))
            self.relus.append(nn.ReLU())
            self.pools.append(nn.MaxPool1d(pool))
            cin = cout
        self.fc1, self.relu_fc, self.fc2 = nn.Linear(cin, hidden), nn.ReLU(), nn.Linear(hidden, CLASSES)

    def features(self, x):
        for conv, relu, pool in zip(self.convs, self.relus, self.pools):
            x = pool(relu(conv(x)))
        return x

    def forward(self, x):
        x = torch.flatten(F.adaptive_avg_pool1d(self.features(x), 1), 1)
        return self.fc2(self.relu_fc(self.fc1(x)))


def from_onnx(path, spec, hidden):
    """A FoldedCnn holding the weights of a committed model.onnx (Conv and Gemm initialisers in node order)."""
    m = onnx.load(str(path))
    inits = {i.name: torch.from_numpy(onnx.numpy_helper.to_array(i).copy()) for i in m.graph.initializer}
    weighted = [n for n in m.graph.node if n.op_type in ("Conv", "Gemm")]
    model = FoldedCnn(spec, hidden)
    layers = list(model.convs) + [model.fc1, model.fc2]
    assert len(weighted) == len(layers), f"{path}: {len(weighted)} Conv/Gemm nodes, expected {len(layers)}"
    for node, layer in zip(weighted, layers):
        assert inits[node.input[1]].shape == layer.weight.shape, f"{path}: {node.input[1]} shape mismatch"
        layer.weight.data.copy_(inits[node.input[1]])
        layer.bias.data.copy_(inits[node.input[2]])
    return model


def ds_block(cin, cout, kernel, stride, pool):
    """Depthwise (groups = channels) then pointwise 1x1 Conv1d, each with BatchNorm and ReLU (MobileNet)."""
    return [nn.Conv1d(cin, cin, kernel, stride=stride, padding=kernel // 2, groups=cin, bias=False),
            nn.BatchNorm1d(cin), nn.ReLU(),
            nn.Conv1d(cin, cout, 1, bias=False), nn.BatchNorm1d(cout), nn.ReLU(), nn.MaxPool1d(pool)]


class SeparableCnn(nn.Module):
    def __init__(self, spec, hidden):
        super().__init__()
        layers, cin = [], 3
        for cout, kernel, stride, pool in spec:
            layers += ds_block(cin, cout, kernel, stride, pool)
            cin = cout
        self.features = nn.Sequential(*layers)
        self.head = nn.Sequential(nn.AdaptiveAvgPool1d(1), nn.Flatten(),
                                  nn.Linear(cin, hidden), nn.ReLU(), nn.Linear(hidden, CLASSES))

    def forward(self, x):
        return self.head(self.features(x))


STUDENT_SPEC, STUDENT_HIDDEN = [(16, 7, 2, 2), (32, 5, 1, 2), (64, 3, 1, 2)], 24


def fit(model, x, y, epochs, seed, lr, teacher=None, temperature=4.0, alpha=0.7, batch=64):
    """train.train's loop (AdamW, one-cycle, random circular shifts); with a teacher the loss is
    alpha * T^2 * KL(softmax(t/T) || softmax(s/T)) + (1 - alpha) * CE (Hinton et al.)."""
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-4)
    steps = epochs * ((len(x) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps)
    gen = torch.Generator().manual_seed(seed)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(len(xt), generator=gen)
        total, correct, started = 0.0, 0, time.time()
        for i in range(0, len(xt), batch):
            idx = perm[i:i + batch]
            xb = torch.roll(xt[idx], int(torch.randint(0, xt.shape[-1], (1,), generator=gen)), dims=-1)
            out = model(xb)
            loss = F.cross_entropy(out, yt[idx])
            if teacher is not None:
                with torch.no_grad():
                    soft = F.log_softmax(teacher(xb) / temperature, dim=1)
                kd = F.kl_div(F.log_softmax(out / temperature, dim=1), soft, log_target=True,
                              reduction="batchmean") * temperature ** 2
                loss = alpha * kd + (1 - alpha) * loss
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
            correct += (out.argmax(1) == yt[idx]).sum().item()
        print(f"  epoch {epoch + 1}/{epochs} loss {total / len(xt):.4f} train acc {correct / len(xt):.4f} "
              f"({time.time() - started:.1f} s)", flush=True)


def distilled(x, y, seed, epochs, vxn, vy):
    teacher = from_onnx(Path("models/vibration-cnn-teacher/model.onnx"),
                        base.ARCHS["vibration-cnn-teacher"]["spec"], base.ARCHS["vibration-cnn-teacher"]["hidden"])
    teacher.eval()
    student = SeparableCnn(STUDENT_SPEC, STUDENT_HIDDEN)
    fit(student, x, y, epochs, seed, lr=3e-3, teacher=teacher)
    student.eval()
    arch = {"blocks": [list(b) for b in STUDENT_SPEC], "hidden": STUDENT_HIDDEN,
            "blockFormat": "[outChannels, kernel, stride, maxPool]",
            "block": "depthwise Conv1d (groups = in channels) + BN + ReLU, pointwise 1x1 Conv1d + BN + ReLU, MaxPool",
            "distillation": {"teacher": "vibration-cnn-teacher", "temperature": 4.0, "alpha": 0.7,
                             "loss": "alpha * T^2 * KL(teacher || student, softened) + (1 - alpha) * CE"}}
    return dict(model=student, technique="distillation:teacher=vibration-cnn-teacher", precision="fp32",
                arch=arch, batch_norm="folded into Conv by the exporter (eval mode, do_constant_folding)")


class QatCnn(nn.Module):
    """FoldedCnn between a QuantStub and a DeQuantStub; a second QuantStub re-quantizes the pooled
    features so that the hidden Gemm's input is int8 too (eager mode leaves GAP outputs float)."""

    def __init__(self, folded):
        super().__init__()
        self.quant, self.quant_fc, self.dequant = (torch.ao.quantization.QuantStub(),
                                                   torch.ao.quantization.QuantStub(),
                                                   torch.ao.quantization.DeQuantStub())
        self.net = folded

    def forward(self, x):
        x = self.net.features(self.quant(x))
        x = self.quant_fc(torch.flatten(F.adaptive_avg_pool1d(x, 1), 1))
        return self.dequant(self.net.fc2(self.net.relu_fc(self.net.fc1(x))))


def qat(x, y, seed, epochs, vxn, vy):
    spec, hidden = base.ARCHS["vibration-cnn"]["spec"], base.ARCHS["vibration-cnn"]["hidden"]
    model = QatCnn(from_onnx(Path("models/vibration-cnn/model.onnx"), spec, hidden))
    model.train()
    groups = [[f"net.convs.{i}", f"net.relus.{i}"] for i in range(len(spec))] + [["net.fc1", "net.relu_fc"]]
    model = torch.ao.quantization.fuse_modules_qat(model, groups)
    # x86 backend; reduce_range off so that activations use the full uint8 range ONNX QDQ expects.
    qconfig = torch.ao.quantization.QConfig(
        activation=torch.ao.quantization.FakeQuantize.with_args(
            observer=torch.ao.quantization.MovingAverageMinMaxObserver, quant_min=0, quant_max=255,
            dtype=torch.quint8, qscheme=torch.per_tensor_affine, reduce_range=False),
        weight=torch.ao.quantization.default_per_channel_weight_fake_quant)
    torch.backends.quantized.engine = "x86"
    model.qconfig = qconfig
    # The default QAT mapping has no 1-d Conv entries, though the QAT modules exist: add them.
    mapping = dict(torch.ao.quantization.quantization_mappings.get_default_qat_module_mappings())
    mapping[torch.ao.nn.intrinsic.ConvReLU1d] = torch.ao.nn.intrinsic.qat.ConvReLU1d
    mapping[nn.Conv1d] = torch.ao.nn.qat.Conv1d
    torch.ao.quantization.prepare_qat(model, mapping=mapping, inplace=True)
    assert isinstance(model.net.convs[0], torch.ao.nn.intrinsic.qat.ConvReLU1d), type(model.net.convs[0])
    # Logits stay float (argmax and softmax need no uint8 grid): train as the ONNX file will run.
    model.net.fc2.activation_post_process = nn.Identity()
    fit(model, x, y, epochs, seed, lr=3e-4)
    model.eval()
    model.apply(torch.ao.quantization.disable_observer)
    # The fp32 graph with the QAT-trained weights; write() exports it and qdq_rewrite() inserts the
    # learned scales (torch's own export of the fake-quant model folds the Conv weight fake-quant into
    # float constants and doubles activation Q/DQ pairs: fp32 compute, 1.1x the base's size).
    plain = FoldedCnn(spec, hidden)
    net = model.net
    with torch.no_grad():
        for i in range(len(spec)):
            plain.convs[i].weight.copy_(net.convs[i].weight)
            plain.convs[i].bias.copy_(net.convs[i].bias)
        for name in ("fc1", "fc2"):
            getattr(plain, name).weight.copy_(getattr(net, name).weight)
            getattr(plain, name).bias.copy_(getattr(net, name).bias)
    plain.eval()
    act = lambda fq: (float(fq.scale), int(fq.zero_point))
    learned = {"input": act(model.quant.activation_post_process),
               "acts": [act(net.convs[i].activation_post_process) for i in range(len(spec))],
               "fc_in": act(model.quant_fc.activation_post_process),
               "fc1": act(net.fc1.activation_post_process),
               "weights": [m.weight_fake_quant.scale.detach().numpy().astype(np.float32)
                           for m in list(net.convs) + [net.fc1, net.fc2]]}
    arch = {"blocks": [list(b) for b in spec], "hidden": hidden,
            "blockFormat": "[outChannels, kernel, stride, maxPool]",
            "initialisedFrom": "models/vibration-cnn/model.onnx (BatchNorm already folded)",
            "qat": {"api": "torch.ao.quantization eager QAT (fuse_modules_qat Conv+ReLU, Linear+ReLU; prepare_qat with ConvReLU1d -> qat.ConvReLU1d added to the default mapping)",
                    "backend": "x86", "weights": "per-channel symmetric int8 (fake-quant during training)",
                    "activations": "per-tensor affine uint8 [0, 255], moving-average min-max",
                    "export": "fake-quant fine-tuning, then the fp32 graph exported by torch with "
                              "QuantizeLinear/DequantizeLinear inserted by onnx.helper using the learned scales "
                              "(int8 weight and int32 bias initialisers + DequantizeLinear, Q/DQ on the input, "
                              "after every ReLU and MaxPool, and on the Gemm input; logits stay float, as in "
                              "training)",
                    "torchFakeQuantVsOnnx": None}}
    return dict(model=plain, technique="qat-int8", precision="int8", arch=arch,
                batch_norm="none (the base's folded weights are the starting point)", learned=learned, qat=model)


def qdq_rewrite(path, learned):
    """Turns the exported fp32 graph (Conv, Relu, MaxPool x3, GlobalAveragePool, Flatten, Gemm, Relu, Gemm)
    into QDQ form with the scales QAT learned: int8 per-channel weights (axis 0), int32 biases with
    scale = input scale x weight scale, uint8 activations."""
    from onnx import helper, numpy_helper, TensorProto
    m = onnx.load(str(path))
    g = m.graph
    inits = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    nodes, new_inits, scale_of, remap = [], [], {}, {}
    weights = iter(learned["weights"])
    acts = iter(learned["acts"])

    def qdq(name, scale, zp):
        s, z = f"{name}_scale", f"{name}_zero_point"
        new_inits.extend([numpy_helper.from_array(np.array(scale, dtype=np.float32), s),
                          numpy_helper.from_array(np.array(zp, dtype=np.uint8), z)])
        nodes.append(helper.make_node("QuantizeLinear", [name, s, z], [f"{name}_quantized"]))
        nodes.append(helper.make_node("DequantizeLinear", [f"{name}_quantized", s, z], [f"{name}_dequantized"]))
        scale_of[f"{name}_dequantized"] = (scale, zp)
        return f"{name}_dequantized"

    def const_dq(name, values, scale, dtype):
        q = np.clip(np.round(values / scale.reshape((-1,) + (1,) * (values.ndim - 1))),
                    np.iinfo(dtype).min, np.iinfo(dtype).max).astype(dtype)
        new_inits.extend([numpy_helper.from_array(q, f"{name}_quantized"),
                          numpy_helper.from_array(scale.astype(np.float32), f"{name}_scale"),
                          numpy_helper.from_array(np.zeros(len(scale), dtype=dtype), f"{name}_zero_point")])
        nodes.append(helper.make_node("DequantizeLinear", [f"{name}_quantized", f"{name}_scale",
                                                           f"{name}_zero_point"], [f"{name}_dequantized"], axis=0))
        return f"{name}_dequantized"

    remap[g.input[0].name] = qdq(g.input[0].name, *learned["input"])
    gemms = sum(1 for n in g.node if n.op_type == "Gemm")
    for node in g.node:
        inputs = [remap.get(i, i) for i in node.input]
        if node.op_type in ("Conv", "Gemm"):
            w_scale = next(weights)
            x_scale = np.float32(scale_of[inputs[0]][0])
            inputs[1] = const_dq(node.input[1], inits[node.input[1]], w_scale, np.int8)
            inputs[2] = const_dq(node.input[2], inits[node.input[2]], x_scale * w_scale, np.int32)
            if node.op_type == "Gemm":
                gemms -= 1
        new = helper.make_node(node.op_type, inputs, list(node.output), name=node.name)
        new.attribute.extend(node.attribute)
        nodes.append(new)
        out = node.output[0]
        if node.op_type == "Relu":
            remap[out] = qdq(out, *(next(acts) if gemms == 2 else learned["fc1"]))
        elif node.op_type == "MaxPool":  # max of uint8 values keeps the scale: ORT can pool in uint8
            remap[out] = qdq(out, *scale_of[inputs[0]])
        elif node.op_type == "Flatten":
            remap[out] = qdq(out, *learned["fc_in"])
    used = {i for n in nodes for i in n.input}
    kept = [i for i in g.initializer if i.name in used]
    del g.node[:]
    g.node.extend(nodes)
    del g.initializer[:]
    g.initializer.extend(kept + new_inits)
    onnx.checker.check_model(m)
    onnx.save(m, str(path))


def l1_keep(weight, keep):
    """Indices of the `keep` output filters with the largest L1 norm, in original order."""
    norms = weight.abs().reshape(weight.shape[0], -1).sum(1)
    return torch.sort(torch.topk(norms, keep).indices).values


def pruned(x, y, seed, epochs, vxn, vy):
    spec, hidden = base.ARCHS["vibration-cnn"]["spec"], base.ARCHS["vibration-cnn"]["hidden"]
    full = from_onnx(Path("models/vibration-cnn/model.onnx"), spec, hidden)
    half_spec = [(c // 2, k, s, p) for c, k, s, p in spec]
    model = FoldedCnn(half_spec, hidden // 2)
    keep_in = torch.arange(3)
    with torch.no_grad():
        for src, dst in zip(full.convs, model.convs):
            keep = l1_keep(src.weight, dst.out_channels)
            dst.weight.copy_(src.weight[keep][:, keep_in])
            dst.bias.copy_(src.bias[keep])
            keep_in = keep
        keep = l1_keep(full.fc1.weight, hidden // 2)
        model.fc1.weight.copy_(full.fc1.weight[keep][:, keep_in])
        model.fc1.bias.copy_(full.fc1.bias[keep])
        model.fc2.weight.copy_(full.fc2.weight[:, keep])
        model.fc2.bias.copy_(full.fc2.bias)
    model.eval()
    arch = {"blocks": [list(b) for b in half_spec], "hidden": hidden // 2,
            "blockFormat": "[outChannels, kernel, stride, maxPool]",
            "pruning": "keep the 50 % output filters (and Gemm hidden units) with the largest L1 norm in every "
                       "Conv and the hidden Gemm of models/vibration-cnn/model.onnx, slice consumers' inputs, "
                       "then fine-tune"}
    acc = (model(torch.from_numpy(vxn)).argmax(1).numpy() == vy).mean()
    print(f"  accuracy after pruning, before fine-tuning (torch): {acc:.4f}", flush=True)
    arch["accuracyBeforeFineTune"] = round(float(acc), 4)
    fit(model, x, y, epochs, seed, lr=1e-3)
    return dict(model=model, technique="channel-prune:0.5+fine-tune", precision="fp32", arch=arch,
                batch_norm="none (starts from the base's folded weights)")


def compare(qat_model, path, vxn):
    """How far the QDQ ONNX file is from torch's fake-quant model on the validation windows."""
    sess = base.ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    onnx_out = np.concatenate([sess.run(["logits"], {"input": vxn[i:i + 1]})[0] for i in range(len(vxn))])
    with torch.no_grad():
        torch_out = qat_model(torch.from_numpy(vxn)).numpy()
    diff = np.abs(onnx_out - torch_out)
    return {"top1Agreement": float((onnx_out.argmax(1) == torch_out.argmax(1)).mean()),
            "maxAbsLogitDiff": round(float(diff.max()), 4), "meanAbsLogitDiff": round(float(diff.mean()), 4)}


def graph_params(graph):
    """Weight and bias elements as stored in the graph (BatchNorm folded; an int8 weight counts once, its scales
    and zero points not at all). train.py's cards count torch parameters instead, BatchNorm included."""
    return sum(int(np.prod(i.dims)) for i in graph.initializer
               if i.data_type in (onnx.TensorProto.FLOAT, onnx.TensorProto.INT8, onnx.TensorProto.INT32)
               and int(np.prod(i.dims)) > 1 and not i.name.endswith(("scale", "zero_point")))


def write(variant_id, built, epochs, seed, train_s, data, base_card, out_root):
    x, y, vxn, vy, meta, vmeta = data
    model, arch = built["model"], built["arch"]
    out = out_root / variant_id
    out.mkdir(parents=True, exist_ok=True)
    path = out / "model.onnx"
    base.export(model, path, meta["windowSize"])
    if "learned" in built:
        qdq_rewrite(path, built["learned"])
        arch["qat"]["torchFakeQuantVsOnnx"] = compare(built["qat"], path, vxn)
    accuracy, confusion, p50 = base.ort_eval(path, vxn, vy)
    blob = path.read_bytes()
    graph = onnx.load(str(path)).graph
    params = graph_params(graph)
    macs = base.macs(model.eval(), meta["windowSize"])
    ops = {}
    for n in graph.node:
        ops[n.op_type] = ops.get(n.op_type, 0) + 1
    print(f"{variant_id}: ORT accuracy {accuracy:.4f}, p50 {p50:.4f} ms, {params} params, {macs} MACs, "
          f"{len(blob)} bytes, ops {ops}", flush=True)
    card = {
        "name": variant_id, "version": base_card["version"], "file": "model.onnx",
        "sha256": hashlib.sha256(blob).hexdigest(), "classes": base_card["classes"],
        "input": base_card["input"], "output": base_card["output"],
        "technique": built["technique"], "baseModel": base_card["name"], "precision": built["precision"],
        "metrics": {"validationAccuracy": round(accuracy, 4), "validationWindows": int(len(vy)),
                    "parameters": int(params), "macs": int(macs), "sizeBytes": len(blob),
                    "ortLatencyMsP50": round(p50, 4), "confusion": confusion.tolist()},
        "training": {"seed": seed, "epochs": epochs, "trainWindows": int(len(y)), "trainSeconds": round(train_s, 1),
                     "architecture": arch, "batchNorm": built["batch_norm"], "opset": base.OPSET, "ops": ops,
                     "normalization": "copied from the base card (models/vibration-cnn/model-card.json)",
                     "torch": torch.__version__, "onnxruntime": base.ort.__version__},
    }
    (out / "model-card.json").write_text(json.dumps(card, indent=2) + "\n")


EPOCHS = {"vibration-cnn-distilled": 6, "vibration-cnn-qat": 2, "vibration-cnn-pruned50-ft": 3}


def table(val, out_root, base_card_path):
    """Markdown table of the base and the variants, latency measured side by side in this one run."""
    vx, vy, _ = base.load(val)
    norm = json.loads(Path(base_card_path).read_text())["input"]["normalization"]
    vxn = ((vx - np.array(norm["mean"], dtype=np.float32)[None, :, None])
           / np.array(norm["std"], dtype=np.float32)[None, :, None]).astype(np.float32)
    folders = [Path(base_card_path).parent] + sorted(d for d in Path(out_root).iterdir() if (d / "model-card.json").exists())
    print("| model | technique | precision | params (graph) | MACs | ONNX bytes | ORT accuracy | ORT p50 ms (python, 1 thread) |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for d in folders:
        card = json.loads((d / "model-card.json").read_text())
        accuracy, _, p50 = base.ort_eval(d / card["file"], vxn, vy, latency_runs=2000)
        m = card["metrics"]
        params = graph_params(onnx.load(str(d / card["file"])).graph)
        print(f"| `{card['name']}` | {card.get('technique', 'base')} | {card.get('precision', 'fp32')} | "
              f"{params:,} | {m['macs']:,} | {m['sizeBytes']:,} | {accuracy:.4f} | {p50:.4f} |", flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train")
    p.add_argument("--val", default="models/data/validation")
    p.add_argument("--out", default="models/variants")
    p.add_argument("--base-card", default="models/vibration-cnn/model-card.json")
    p.add_argument("--only", nargs="*", choices=sorted(EPOCHS), help="build only these variants")
    p.add_argument("--seed", type=int, default=4321)
    p.add_argument("--train-windows", type=int, help="use only the first N training windows (quick runs)")
    p.add_argument("--table", action="store_true", help="only print the README table (measures latency)")
    args = p.parse_args()
    if args.table:
        torch.set_num_threads(2)
        table(args.val, args.out, args.base_card)
        return

    if not args.train:
        p.error("--train is required unless --table")
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(2)
    base_card = json.loads(Path(args.base_card).read_text())
    norm = base_card["input"]["normalization"]
    mean = np.array(norm["mean"], dtype=np.float32)[None, :, None]
    std = np.array(norm["std"], dtype=np.float32)[None, :, None]
    x, y, meta = base.load(args.train)
    vx, vy, vmeta = base.load(args.val)
    if args.train_windows:
        x, y = x[:args.train_windows], y[:args.train_windows]
    xn = ((x - mean) / std).astype(np.float32)
    vxn = ((vx - mean) / std).astype(np.float32)
    del x
    data = (xn, y, vxn, vy, meta, vmeta)

    builders = {"vibration-cnn-distilled": distilled, "vibration-cnn-qat": qat, "vibration-cnn-pruned50-ft": pruned}
    for variant_id in args.only or list(EPOCHS):
        # Each variant is seeded on its own, so building one alone gives the same file as building all.
        torch.manual_seed(args.seed)
        np.random.seed(args.seed)
        random.seed(args.seed)
        print(f"{variant_id}: training {EPOCHS[variant_id]} epochs", flush=True)
        started = time.time()
        built = builders[variant_id](xn, y, args.seed, EPOCHS[variant_id], vxn, vy)
        write(variant_id, built, EPOCHS[variant_id], args.seed, time.time() - started, data, base_card,
              Path(args.out))

if __name__ == "__main__":
    main()
