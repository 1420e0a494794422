"""A small ONNX model with the HTDemucs contract and the attention patterns torch exports, for the
tests of tools/optimize-htdemucs-onnx.py (packages/audio/test/optimised-model.test.ts).

  python3 attention-model.py OUT.onnx

Inputs and outputs are the contract's (mix [1, 2, 343980], spec [1, 4, 2048, 336] →
spec_out [1, 4, 4, 2048, 336], wave_out [1, 4, 2, 343980]), but the work is tiny: tokens come
from a slice of spec (336 tokens of width 64) and of mix (256 tokens), and go through

  1. a self-attention written as the frequency branch exports it: head split by Reshape to a
     constant [L, H, D], scaling by Div(√D), no dropout;
  2. a cross-attention written as the time branch exports it: head split by Reshape to a shape
     computed at run time (Shape → Gather → Unsqueeze → Concat with H and D), scaling by Mul(1/√D),
     and an inference-mode Dropout between Softmax and the second MatMul.

The attention output is spread over every output element, so a wrong rewrite cannot hide.
"""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

L, T, BINS = 343_980, 336, 2048
E, H = 64, 4
D = E // H
rng = np.random.default_rng(1234)
nodes = []
inits = []


def const(name, value, dtype=np.float32):
    inits.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
    return name


def node(op, inputs, name, **attrs):
    nodes.append(helper.make_node(op, inputs, [name], name=name, **attrs))
    return name


def linear(x, prefix):
    w = const(f"{prefix}.w", rng.normal(0, 0.4, (E, E)))
    b = const(f"{prefix}.b", rng.normal(0, 0.1, (E,)))
    return node("Add", [node("MatMul", [x, w], f"{prefix}/MatMul"), b], f"{prefix}/Add")


# Tokens [336, 1, 64] from spec and [256, 1, 64] from mix.
spec_part = node(
    "Slice", ["spec", const("s0", [0], np.int64), const("s1", [16], np.int64), const("ax2", [2], np.int64)], "/spec_slice"
)
spec_tokens = node(
    "Transpose", [node("Reshape", [spec_part, const("shape_f", [1, E, T], np.int64)], "/spec_r")], "/spec_tok", perm=[2, 0, 1]
)
mix_part = node(
    "Slice", ["mix", const("m0", [0], np.int64), const("m1", [8192], np.int64), const("ax2b", [2], np.int64)], "/mix_slice"
)
mix_tokens = node(
    "Transpose", [node("Reshape", [mix_part, const("shape_t", [1, E, 256], np.int64)], "/mix_r")], "/mix_tok", perm=[2, 0, 1]
)

# 1. Self-attention, frequency-branch style.
p = "/self_attn"
q, k, v = (linear(spec_tokens, f"{p}/{n}") for n in "qkv")
heads = const(f"{p}/heads", [T, H, D], np.int64)
qh = node("Transpose", [node("Reshape", [q, heads], f"{p}/Reshape")], f"{p}/Transpose_1", perm=[1, 0, 2])
qs = node("Div", [qh, const(f"{p}/sqrt_d", np.sqrt(D))], f"{p}/Div_1")
kh = node("Transpose", [node("Reshape", [k, heads], f"{p}/Reshape_1")], f"{p}/Transpose_3", perm=[1, 2, 0])
vh = node("Transpose", [node("Reshape", [v, heads], f"{p}/Reshape_2")], f"{p}/Transpose_2", perm=[1, 0, 2])
probs = node("Softmax", [node("MatMul", [qs, kh], f"{p}/MatMul_1")], f"{p}/Softmax", axis=-1)
ctx = node("Transpose", [node("MatMul", [probs, vh], f"{p}/MatMul_2")], f"{p}/Transpose_4", perm=[1, 0, 2])
merged = node("Reshape", [ctx, const(f"{p}/merge", [T, E], np.int64)], f"{p}/Reshape_3")
wo = const(f"{p}/out.w", rng.normal(0, 0.4, (E, E)))
bo = const(f"{p}/out.b", rng.normal(0, 0.1, (E,)))
y1 = node("Gemm", [merged, wo, bo], f"{p}/Gemm", transB=1)
y1 = node("Reshape", [y1, const(f"{p}/back", [T, 1, E], np.int64)], f"{p}/Reshape_4")

# 2. Cross-attention, time-branch style (heads from shapes at run time, Mul scale, Dropout).
p = "/cross_attn"
q = linear(y1, f"{p}/q")
k, v = (linear(mix_tokens, f"{p}/{n}") for n in "kv")


def run_time_heads(x, tag):
    n = node("Gather", [node("Shape", [x], f"{p}/Shape_{tag}"), const(f"{p}/zero_{tag}", 0, np.int64)], f"{p}/Gather_{tag}", axis=0)
    n = node("Unsqueeze", [n, const(f"{p}/axes_{tag}", [0], np.int64)], f"{p}/Unsqueeze_{tag}")
    return node(
        "Concat", [n, const(f"{p}/h_{tag}", [H], np.int64), const(f"{p}/d_{tag}", [D], np.int64)], f"{p}/Concat_{tag}", axis=0
    )


qh = node("Transpose", [node("Reshape", [q, run_time_heads(q, "q")], f"{p}/Reshape")], f"{p}/Transpose_2", perm=[1, 0, 2])
qs = node("Mul", [qh, const(f"{p}/inv_sqrt_d", 1 / np.sqrt(D))], f"{p}/Mul_scale")
kh = node("Transpose", [node("Reshape", [k, run_time_heads(k, "k")], f"{p}/Reshape_1")], f"{p}/Transpose_4", perm=[1, 2, 0])
vh = node("Transpose", [node("Reshape", [v, run_time_heads(v, "v")], f"{p}/Reshape_2")], f"{p}/Transpose_3", perm=[1, 0, 2])
probs = node("Softmax", [node("MatMul", [qs, kh], f"{p}/MatMul_2")], f"{p}/Softmax", axis=-1)
probs = node("Dropout", [probs], f"{p}/Dropout")
ctx = node("Transpose", [node("MatMul", [probs, vh], f"{p}/MatMul_3")], f"{p}/Transpose_5", perm=[1, 0, 2])
merged = node("Reshape", [ctx, const(f"{p}/merge", [T, E], np.int64)], f"{p}/Reshape_3")
y2 = node("Gemm", [merged, const(f"{p}/out.w", rng.normal(0, 0.4, (E, E))), const(f"{p}/out.b", rng.normal(0, 0.1, (E,)))], f"{p}/Gemm", transB=1)

# Back to the contract's outputs: every element of both outputs depends on the attention.
z = node("Transpose", [y2], "/z_t", perm=[1, 0])  # [64, 336]
z = node("Reshape", [z, const("shape_z", [1, 4, 16, T], np.int64)], "/z_r")
z = node("Tile", [z, const("tile", [1, 1, BINS // 16, 1], np.int64)], "/z_tile")
base = node("Add", ["spec", z], "/spec_plus")
per_source = const("per_source", rng.normal(1, 0.5, (1, 4, 1, 1, 1)))
node("Mul", [node("Unsqueeze", [base, const("ax1", [1], np.int64)], "/spec_u"), per_source], "spec_out")
level = node("ReduceMean", [y2], "/level", keepdims=0)
wave = node("Add", [node("Unsqueeze", ["mix", const("ax1b", [1], np.int64)], "/mix_u"), level], "/mix_plus")
node("Mul", [wave, const("per_source_t", rng.normal(1, 0.5, (1, 4, 1, 1)))], "wave_out")

graph = helper.make_graph(
    nodes,
    "attention_test",
    [
        helper.make_tensor_value_info("mix", TensorProto.FLOAT, [1, 2, L]),
        helper.make_tensor_value_info("spec", TensorProto.FLOAT, [1, 4, BINS, T]),
    ],
    [
        helper.make_tensor_value_info("spec_out", TensorProto.FLOAT, [1, 4, 4, BINS, T]),
        helper.make_tensor_value_info("wave_out", TensorProto.FLOAT, [1, 4, 2, L]),
    ],
    inits,
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, sys.argv[1])
