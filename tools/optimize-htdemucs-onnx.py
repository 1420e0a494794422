#!/usr/bin/env python3
"""Optimise an exported HTDemucs ONNX graph for ONNX Runtime's CPU: less memory, same maths.

Post-processing for files written by tools/export-htdemucs-onnx.py (or any batch-1 HTDemucs export
with the Autoalex contract). Needs only the `onnx` Python package (Debian: python3-onnx), no
PyTorch and no ONNX Runtime. Why and what it buys: docs/adr/0200-demucs-graph-optimisation.md.

Two rewrites, each exact in meaning:

1. Attention (--keep-attention skips it). Every attention of the cross-transformer, as torch
   exports nn.MultiheadAttention for batch 1,

       Q, K, V [L|S, 1, E] ─► Reshape [L, H, D] ─► Transpose ─► (÷ √D) ─► MatMul(Q, Kᵀ) [H, L, S]
           ─► Softmax ─► (Dropout) ─► MatMul(·, V) [H, L, D] ─► Transpose ─► Reshape [L, E]

   becomes one `com.microsoft.MultiHeadAttention` node (num_heads H, the same scale) between
   Reshapes. ONNX Runtime's CPU kernel runs it as flash attention (MLAS): the score matrices
   [H, L, S] (8 × 2688 × 2688 float32 = 231 MB for the frequency branch's self-attention, two of
   them alive at once) are never materialised, only L2-sized tiles per thread. Float rounding
   differs slightly (online softmax), far below 1e-4 relative on the model's outputs.

2. Run-time shapes (--keep-static-shapes skips it). The time axis of the inputs and outputs becomes
   symbolic (mix [1, 2, "samples"], spec [1, 4, 2048, "frames"]), every Reshape to a constant
   shape gets -1 in its largest dimension (the same shape for every valid input), and stored
   value_info is dropped. ONNX Runtime's allocation planner then no longer knows tensor sizes
   ahead of time, so it cannot hand a dead encoder buffer to a same-sized decoder tensor thousands
   of nodes later, which kept ~1.4 GB of dead U-Net activations allocated through the whole
   transformer. Each buffer is freed after its last use and the CPU arena recycles it.

Inputs, outputs and names are unchanged (dims become symbolic, which the separator's contract check
accepts), so the separator takes plain and optimised files alike. The result needs ONNX Runtime
>= 1.17 (the contrib op's CPU flash path) and is no longer standard ONNX (other runtimes may not
know the contrib op); keep the plain export if you need one.

Usage:
  python3 tools/optimize-htdemucs-onnx.py IN.onnx OUT.onnx
  python3 tools/optimize-htdemucs-onnx.py --in-place data/models/htdemucs_ft.*.onnx
      (--in-place also updates sha256/bytes of those files in a manifest.json beside them)

Exit status: 0 written, 1 a file could not be rewritten (nothing written for it), 2 usage.
"""

import argparse
import hashlib
import json
import os
import sys
import tempfile

import numpy as np
import onnx
from onnx import helper, numpy_helper

MS_DOMAIN = "com.microsoft"
MARK = "autoalex.attention"
OPTIMISED = "autoalex.optimised"
# The time axis of each contract tensor (inputs and outputs) and its symbolic name.
TIME_AXES = {"mix": "samples", "spec": "frames", "spec_out": "frames", "wave_out": "samples"}
PASS_THROUGH = {"Dropout", "Identity"}


class Graph:
    """Producer/consumer maps and constant lookup over a GraphProto."""

    def __init__(self, graph):
        self.graph = graph
        self.producer = {}
        self.consumers = {}
        for node in graph.node:
            for out in node.output:
                self.producer[out] = node
            for name in node.input:
                if name:
                    self.consumers.setdefault(name, []).append(node)
        self.initializers = {t.name: t for t in graph.initializer}
        self.outputs = {o.name for o in graph.output}

    def const(self, name):
        """The value of a Constant node or initializer, else None."""
        if name in self.initializers:
            return numpy_helper.to_array(self.initializers[name])
        node = self.producer.get(name)
        if node is not None and node.op_type == "Constant":
            for attr in node.attribute:
                if attr.name == "value":
                    return numpy_helper.to_array(attr.t)
                if attr.name in ("value_float", "value_int"):
                    return np.array(helper.get_attribute_value(attr))
        return None

    def only_consumer(self, name):
        users = self.consumers.get(name, [])
        if len(users) != 1 or name in self.outputs:
            return None
        return users[0]

    def op(self, name, op_type):
        node = self.producer.get(name)
        return node if node is not None and node.op_type == op_type else None


def attr(node, name, default=None):
    for a in node.attribute:
        if a.name == name:
            return helper.get_attribute_value(a)
    return default


def heads_of(g, reshape):
    """(heads, head_size) from a Reshape to [L, H, D] whose H and D are constants (a constant shape or a
    Concat of [?, H, D]); None when they are computed at run time (the time branch's exports)."""
    shape = g.const(reshape.input[1])
    if shape is not None and shape.size == 3:
        return int(shape[1]), int(shape[2])
    concat = g.op(reshape.input[1], "Concat")
    if concat is not None and len(concat.input) == 3:
        h, d = g.const(concat.input[1]), g.const(concat.input[2])
        if h is not None and d is not None and h.size == 1 and d.size == 1:
            return int(h.reshape(-1)[0]), int(d.reshape(-1)[0])
    return None


def model_width(g, merge):
    """E, the attention's width: the last dim of the constant [L, E] the heads are merged into, else
    the weight of the out-projection that reads the merged heads."""
    shape = g.const(merge.input[1])
    if shape is not None and shape.size == 2 and shape[1] > 0:
        return int(shape[1])
    proj = g.only_consumer(merge.output[0])
    if proj is not None and proj.op_type in ("Gemm", "MatMul") and len(proj.input) > 1:
        weight = g.initializers.get(proj.input[1])
        if weight is not None and len(weight.dims) == 2:
            trans_b = proj.op_type == "Gemm" and attr(proj, "transB", 0) == 1
            return int(weight.dims[1] if trans_b else weight.dims[0])
    return None


def heads_from_scale(scale, width):
    """torch scales Q by 1/√D: D from the scale, H = E / D; None when that does not come out whole."""
    if width is None or scale <= 0:
        return None
    d = round(1.0 / (scale * scale))
    if d <= 0 or abs(1.0 / (scale * scale) - d) > 1e-3 or width % d != 0:
        return None
    return width // d, d


def head_split(g, name, perm):
    """Transpose(perm) of Reshape(x, [N, H, D]) → (x, reshape, transpose) or None."""
    transpose = g.op(name, "Transpose")
    if transpose is None or list(attr(transpose, "perm", [])) != perm:
        return None
    reshape = g.op(transpose.input[0], "Reshape")
    if reshape is None:
        return None
    return reshape.input[0], reshape, transpose


def match(g, softmax):
    """The pieces of one torch attention around `softmax`, or None when it is not that pattern."""
    if attr(softmax, "axis", -1) not in (-1, 2):
        return None
    scores = g.op(softmax.input[0], "MatMul")
    if scores is None or g.only_consumer(scores.output[0]) is not softmax:
        return None
    removed = [scores, softmax]
    # Softmax → (Dropout/Identity in eval mode) → MatMul(probs, V)
    probs = softmax.output[0]
    weighted = g.only_consumer(probs)
    while weighted is not None and weighted.op_type in PASS_THROUGH:
        removed.append(weighted)
        probs = weighted.output[0]
        weighted = g.only_consumer(probs)
    if weighted is None or weighted.op_type != "MatMul" or weighted.input[0] != probs:
        return None
    removed.append(weighted)
    # Q side: Transpose[1,0,2](Reshape(Q)) with an optional ÷c or ·c by a scalar.
    scale = 1.0
    q_name = scores.input[0]
    scaling = g.producer.get(q_name)
    if scaling is not None and scaling.op_type in ("Div", "Mul"):
        c = g.const(scaling.input[1])
        if c is None or c.size != 1:
            return None
        c = float(c.reshape(-1)[0])
        scale = 1.0 / c if scaling.op_type == "Div" else c
        removed.append(scaling)
        q_name = scaling.input[0]
    q = head_split(g, q_name, [1, 0, 2])
    k = head_split(g, scores.input[1], [1, 2, 0])
    v = head_split(g, weighted.input[1], [1, 0, 2])
    if q is None or k is None or v is None:
        return None
    # Out: Transpose[1,0,2] → Reshape [L, E]
    back = g.only_consumer(weighted.output[0])
    if back is None or back.op_type != "Transpose" or list(attr(back, "perm", [])) != [1, 0, 2]:
        return None
    merge = g.only_consumer(back.output[0])
    if merge is None or merge.op_type != "Reshape":
        return None
    # Heads: constants in the head split where the export kept them, else from the scale (1/√D) and E;
    # both must agree when both are known.
    known = {heads_of(g, part[1]) for part in (q, k, v)} - {None}
    derived = heads_from_scale(scale, model_width(g, merge))
    if derived is not None:
        known.add(derived)
    if len(known) != 1:
        return None
    num_heads, head_size = known.pop()
    removed += [back, merge]
    for part in (q, k, v):
        removed += [part[2], part[1]]
    return {
        "q": q[0],
        "k": k[0],
        "v": v[0],
        "num_heads": num_heads,
        "hidden": num_heads * head_size,
        "scale": scale,
        "merge": merge,
        "removed": removed,
    }


def key(node):
    """A node's identity: its first output (unique in SSA form; protobuf wrappers are not stable objects)."""
    return node.output[0]


def rewrite_attention(model):
    """Replaces every matching attention in place; returns how many."""
    graph = model.graph
    g = Graph(graph)
    found = []
    for node in graph.node:
        if node.op_type == "Softmax":
            m = match(g, node)
            if m is not None:
                found.append(m)
    if not found:
        return 0
    replace = {}
    drop = set()
    for i, m in enumerate(found):
        prefix = f"{MARK}/{i}"
        shape = f"{prefix}/shape"
        new_nodes = [
            helper.make_node(
                "Constant",
                [],
                [shape],
                name=f"{prefix}/shape_const",
                value=numpy_helper.from_array(np.array([1, -1, m["hidden"]], dtype=np.int64)),
            )
        ]
        batched = []
        for part in ("q", "k", "v"):
            out = f"{prefix}/{part}"
            new_nodes.append(helper.make_node("Reshape", [m[part], shape], [out], name=f"{prefix}/reshape_{part}"))
            batched.append(out)
        attn = f"{prefix}/output"
        new_nodes.append(
            helper.make_node(
                "MultiHeadAttention",
                batched,
                [attn],
                name=f"{prefix}/MultiHeadAttention",
                domain=MS_DOMAIN,
                num_heads=m["num_heads"],
                scale=float(m["scale"]),
            )
        )
        merge = m["merge"]
        new_nodes.append(
            helper.make_node("Reshape", [attn, merge.input[1]], [merge.output[0]], name=f"{prefix}/reshape_out")
        )
        replace[key(merge)] = new_nodes
        drop.update(key(n) for n in m["removed"] if key(n) != key(merge))
    nodes = []
    for node in graph.node:
        if key(node) in replace:
            nodes.extend(replace[key(node)])
        elif key(node) not in drop:
            nodes.append(node)
    del graph.node[:]
    graph.node.extend(prune(nodes, {o.name for o in graph.output}))
    if not any(o.domain == MS_DOMAIN for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid(MS_DOMAIN, 1))
    return len(found)


def prune(nodes, outputs):
    """Drops nodes whose outputs nothing uses any more (the old reshapes' shape constants and the like)."""
    needed = set(outputs)
    kept = []
    for node in reversed(nodes):
        if any(o in needed for o in node.output if o):
            kept.append(node)
            needed.update(i for i in node.input if i)
    kept.reverse()
    return kept


def prune_initializers(model):
    used = {i for n in model.graph.node for i in n.input}
    for t in [t for t in model.graph.initializer if t.name not in used]:
        model.graph.initializer.remove(t)


def dynamic_shapes(model):
    """Symbolic time axes, Reshapes to -1 and no stored value_info; returns how many Reshapes changed."""
    graph = model.graph
    for value in list(graph.input) + list(graph.output):
        axis = TIME_AXES.get(value.name)
        dims = value.type.tensor_type.shape.dim
        if axis is not None and len(dims) > 0:
            dims[len(dims) - 1].Clear()
            dims[len(dims) - 1].dim_param = axis
    del graph.value_info[:]
    g = Graph(graph)
    constants = []
    changed = 0
    for node in graph.node:
        if node.op_type != "Reshape" or len(node.input) < 2:
            continue
        shape = g.const(node.input[1])
        if shape is None or shape.ndim != 1 or shape.size == 0 or not (shape > 0).all():
            continue
        dynamic = shape.astype(np.int64)
        dynamic[int(np.argmax(dynamic))] = -1
        name = f"{OPTIMISED}/reshape/{changed}"
        constants.append(
            helper.make_node("Constant", [], [name], name=f"{name}/const", value=numpy_helper.from_array(dynamic))
        )
        node.input[1] = name
        changed += 1
    nodes = constants + list(graph.node)
    del graph.node[:]
    graph.node.extend(prune(nodes, {o.name for o in graph.output}))
    return changed


def optimize_file(src, dst, attention=True, dynamic=True):
    """Rewrites src into dst (atomically); returns a summary of what changed."""
    model = onnx.load(src)
    if any(p.key == OPTIMISED for p in model.metadata_props):
        raise ValueError("already optimised")
    done = []
    if attention:
        count = rewrite_attention(model)
        if count == 0:
            raise ValueError("no attention of the expected form was found (use --keep-attention to skip it)")
        if not any(o.domain == MS_DOMAIN for o in model.opset_import):
            model.opset_import.append(helper.make_opsetid(MS_DOMAIN, 1))
        done.append(f"{count} attention blocks → com.microsoft.MultiHeadAttention")
    if dynamic:
        done.append(f"run-time shapes ({dynamic_shapes(model)} Reshapes to -1)")
    if not done:
        raise ValueError("nothing to do")
    prune_initializers(model)
    props = {p.key: p.value for p in model.metadata_props}
    props[OPTIMISED] = "; ".join(done)
    helper.set_model_props(model, props)
    onnx.checker.check_model(model)
    folder = os.path.dirname(os.path.abspath(dst))
    fd, tmp = tempfile.mkstemp(prefix=".optimize-", suffix=".onnx", dir=folder)
    os.close(fd)
    try:
        onnx.save(model, tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dst)
    except BaseException:
        os.unlink(tmp)
        raise
    return "; ".join(done)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def update_manifest(paths):
    for folder in {os.path.dirname(os.path.abspath(p)) for p in paths}:
        manifest_path = os.path.join(folder, "manifest.json")
        if not os.path.isfile(manifest_path):
            continue
        with open(manifest_path) as f:
            manifest = json.load(f)
        changed = False
        for entry in manifest.get("files", []):
            path = os.path.join(folder, entry.get("file", ""))
            if any(os.path.abspath(p) == path for p in paths):
                entry["sha256"] = sha256(path)
                entry["bytes"] = os.path.getsize(path)
                changed = True
        if changed:
            with open(manifest_path, "w") as f:
                json.dump(manifest, f, indent=2)
                f.write("\n")
            print(f"updated {manifest_path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", help="IN.onnx OUT.onnx, or with --in-place any number of files")
    parser.add_argument("--in-place", action="store_true", help="rewrite the given files and their manifest.json")
    parser.add_argument("--keep-attention", action="store_true", help="leave the attention as exported")
    parser.add_argument("--keep-static-shapes", action="store_true", help="leave shapes as exported")
    args = parser.parse_args()
    if args.in_place:
        pairs = [(p, p) for p in args.files]
    elif len(args.files) == 2:
        pairs = [(args.files[0], args.files[1])]
    else:
        parser.error("give IN.onnx OUT.onnx, or --in-place FILE...")
    failed = False
    done = []
    for src, dst in pairs:
        try:
            summary = optimize_file(src, dst, attention=not args.keep_attention, dynamic=not args.keep_static_shapes)
            done.append(dst)
            print(f"{dst}: {summary}")
        except (ValueError, OSError, onnx.checker.ValidationError) as err:
            failed = True
            print(f"{src}: not rewritten: {err}", file=sys.stderr)
    if args.in_place and done:
        update_manifest(done)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
