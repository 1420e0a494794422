#!/usr/bin/env python3
"""Export the four htdemucs_ft models to ONNX with the Autoalex contract (see packages/audio/README.md).

For users who have Python, PyTorch and demucs (pip install demucs onnx; onnxruntime for --check).
Not run in CI: the separator itself needs no Python at run time.

Each model k of the htdemucs_ft bag (0 drums, 1 bass, 2 other, 3 vocals) becomes one ONNX file,
opset 17, float32, batch 1, with the STFT and iSTFT left outside the graph:

  inputs   mix      [1, 2, 343980]          the normalised stereo segment
           spec     [1, 4, 2048, 336]       its STFT, complex as channels (2c = Re, 2c+1 = Im)
  outputs  spec_out [1, 4, 4, 2048, 336]    per source, complex-as-channels spectrogram
           wave_out [1, 4, 2, 343980]       per source, time-branch waveform

so that y[s] = wave_out[s] + iSTFT(spec_out[s]). Files are written as htdemucs_ft.<stem>.onnx
next to a manifest.json (SHA-256 and size of each), which fetchModels() and modelStatus() read.
Unless --plain is given, each file is then rewritten by tools/optimize-htdemucs-onnx.py (fused
attention, run-time shapes; ADR 0200): the same outputs with about a quarter of the memory in
ONNX Runtime, whose contrib op it uses (the time axes become symbolic: "samples", "frames").

Usage:
  python3 tools/export-htdemucs-onnx.py --out ./data/models            # all four stems
  python3 tools/export-htdemucs-onnx.py --out ./data/models --stems vocals --check
  python3 tools/export-htdemucs-onnx.py --out ./data/models --plain      # standard ONNX, ~4x the memory

The weights are the Demucs authors' (the code is MIT); check their terms before you publish the
exported files.
"""

import argparse
import functools
import json
import os
import sys

SOURCES = ["drums", "bass", "other", "vocals"]
SEGMENT = 343_980
FRAMES = 336
BINS = 2048


def load_bag(name, repo):
    from demucs.pretrained import get_model
    from pathlib import Path

    bag = get_model(name, repo=Path(repo) if repo else None)
    models = getattr(bag, "models", [bag])
    if list(bag.sources) != SOURCES:
        sys.exit(f"{name}: sources are {bag.sources}, expected {SOURCES}")
    if len(models) != len(SOURCES):
        sys.exit(f"{name}: {len(models)} models in the bag, expected one per source")
    weights = getattr(bag, "weights", None)
    identity = [[1.0 if i == k else 0.0 for i in range(4)] for k in range(4)]
    if weights is not None and [[float(w) for w in row] for row in weights] != identity:
        sys.exit(f"{name}: bag weights are not the identity (stem k from model k): {weights}")
    for m in models:
        if type(m).__name__ != "HTDemucs" or not m.cac or not m.use_train_segment:
            sys.exit(f"{name}: expected HTDemucs models with cac and use_train_segment")
        if int(m.segment * m.samplerate) != SEGMENT or m.samplerate != 44_100 or m.nfft != 4096:
            sys.exit(f"{name}: unexpected segment/sample rate/nfft")
    return models


def make_core(torch, model):
    """HTDemucs.forward between _spec/_magnitude and _mask/_ispec (demucs 4.0.x), batch 1."""
    from einops import rearrange

    class Core(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, mix, spec):
            m = self.m
            length = mix.shape[-1]
            x = spec
            B, C, Fq, T = x.shape
            mean = x.mean(dim=(1, 2, 3), keepdim=True)
            std = x.std(dim=(1, 2, 3), keepdim=True)
            x = (x - mean) / (1e-5 + std)
            xt = mix
            meant = xt.mean(dim=(1, 2), keepdim=True)
            stdt = xt.std(dim=(1, 2), keepdim=True)
            xt = (xt - meant) / (1e-5 + stdt)

            saved, saved_t, lengths, lengths_t = [], [], [], []
            for idx, encode in enumerate(m.encoder):
                lengths.append(x.shape[-1])
                inject = None
                if idx < len(m.tencoder):
                    lengths_t.append(xt.shape[-1])
                    tenc = m.tencoder[idx]
                    xt = tenc(xt)
                    if not tenc.empty:
                        saved_t.append(xt)
                    else:
                        inject = xt
                x = encode(x, inject)
                if idx == 0 and m.freq_emb is not None:
                    frs = torch.arange(x.shape[-2], device=x.device)
                    emb = m.freq_emb(frs).t()[None, :, :, None].expand_as(x)
                    x = x + m.freq_emb_scale * emb
                saved.append(x)
            if m.crosstransformer:
                if m.bottom_channels:
                    b, c, f, t = x.shape
                    x = rearrange(x, "b c f t-> b c (f t)")
                    x = m.channel_upsampler(x)
                    x = rearrange(x, "b c (f t)-> b c f t", f=f)
                    xt = m.channel_upsampler_t(xt)
                x, xt = m.crosstransformer(x, xt)
                if m.bottom_channels:
                    x = rearrange(x, "b c f t-> b c (f t)")
                    x = m.channel_downsampler(x)
                    x = rearrange(x, "b c (f t)-> b c f t", f=f)
                    xt = m.channel_downsampler_t(xt)
            for idx, decode in enumerate(m.decoder):
                skip = saved.pop(-1)
                x, pre = decode(x, skip, lengths.pop(-1))
                offset = m.depth - len(m.tdecoder)
                if idx >= offset:
                    tdec = m.tdecoder[idx - offset]
                    length_t = lengths_t.pop(-1)
                    if tdec.empty:
                        pre = pre[:, :, 0]
                        xt, _ = tdec(pre, None, length_t)
                    else:
                        skip = saved_t.pop(-1)
                        xt, _ = tdec(xt, skip, length_t)
            S = len(m.sources)
            x = x.view(B, S, -1, Fq, T)
            x = x * std[:, None] + mean[:, None]  # cac: the spectrogram itself, channels 2c/2c+1
            xt = xt.view(B, S, -1, length)
            xt = xt * stdt[:, None] + meant[:, None]
            return x, xt

    return Core(model).eval()


def check(torch, model, path, k):
    """Runs the ONNX file and the PyTorch model on one random segment and compares source k."""
    import numpy as np
    import onnxruntime as ort

    mix = torch.randn(1, 2, SEGMENT)
    with torch.no_grad():
        reference = model(mix)[0, k]
        spec = model._magnitude(model._spec(mix))
    session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    spec_out, wave_out = session.run(["spec_out", "wave_out"], {"mix": mix.numpy(), "spec": spec.numpy()})
    z = torch.from_numpy(spec_out)
    B, S, C, Fr, T = z.shape
    z = torch.view_as_complex(z.view(B, S, -1, 2, Fr, T).permute(0, 1, 2, 4, 5, 3).contiguous())
    y = torch.from_numpy(wave_out)[0, k] + model._ispec(z, SEGMENT)[0, k]
    err = float((y - reference).abs().max() / reference.abs().max())
    print(f"  check: max relative difference to PyTorch {err:.2e}")
    if not np.isfinite(err) or err > 1e-3:
        sys.exit(f"{path}: the ONNX output differs from PyTorch ({err})")


@functools.cache
def optimiser():
    """tools/optimize-htdemucs-onnx.py, loaded from beside this file (graph rewrites, file checksums)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "optimize_htdemucs_onnx", os.path.join(os.path.dirname(os.path.abspath(__file__)), "optimize-htdemucs-onnx.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="folder for the .onnx files and manifest.json")
    parser.add_argument("--stems", nargs="+", choices=SOURCES, default=SOURCES)
    parser.add_argument("--name", default="htdemucs_ft", help="pretrained bag name (default htdemucs_ft)")
    parser.add_argument("--repo", help="local folder of demucs checkpoints (offline use)")
    parser.add_argument("--check", action="store_true", help="compare each export with PyTorch (needs onnxruntime)")
    parser.add_argument(
        "--plain",
        action="store_true",
        help="keep the plain export (standard ONNX, any runtime) instead of rewriting it with "
        "tools/optimize-htdemucs-onnx.py (fused attention, run-time shapes: about a quarter of the memory "
        "in ONNX Runtime, ONNX Runtime only)",
    )
    args = parser.parse_args()

    try:
        import torch
        import demucs  # noqa: F401
        import onnx  # noqa: F401
    except ImportError as err:
        sys.exit(f"this export needs PyTorch, demucs and onnx ({err}); install them with: pip install demucs onnx")

    models = load_bag(args.name, args.repo)
    os.makedirs(args.out, exist_ok=True)
    manifest_path = os.path.join(args.out, "manifest.json")
    entries = {}
    if os.path.exists(manifest_path):
        with open(manifest_path) as f:
            entries = {e["stem"]: e for e in json.load(f).get("files", [])}
    for stem in args.stems:
        k = SOURCES.index(stem)
        model = models[k].eval()
        core = make_core(torch, model)
        path = os.path.join(args.out, f"{args.name}.{stem}.onnx")
        tmp = path + ".tmp"
        print(f"exporting {stem} (model {k}) -> {path}")
        mix = torch.zeros(1, 2, SEGMENT)
        spec = torch.zeros(1, 4, BINS, FRAMES)
        # Not under torch.no_grad(): without gradients, nn.MultiheadAttention takes its fused fast path
        # (aten::_native_multi_head_attention), which torch 1.13's ONNX exporter cannot export.
        torch.onnx.export(
            core,
            (mix, spec),
            tmp,
            opset_version=17,
            input_names=["mix", "spec"],
            output_names=["spec_out", "wave_out"],
            do_constant_folding=True,
        )
        import onnx

        proto = onnx.load(tmp)
        onnx.checker.check_model(proto)
        for kv in (("source", stem), ("source_index", str(k)), ("bag", args.name), ("contract", "autoalex-htdemucs-1")):
            entry = proto.metadata_props.add()
            entry.key, entry.value = kv
        onnx.save(proto, tmp)
        os.replace(tmp, path)
        if not args.plain:
            try:
                print(f"  optimised: {optimiser().optimize_file(path, path)}")
            except ValueError as err:
                print(f"  not optimised ({err}); the plain export is kept (it works, with about 4x the memory)")
        if args.check:
            check(torch, model, path, k)
        entries[stem] = {"stem": stem, "file": os.path.basename(path), "sha256": optimiser().sha256(path), "bytes": os.path.getsize(path)}
    manifest = {"model": args.name, "opset": 17, "files": [entries[s] for s in SOURCES if s in entries]}
    with open(manifest_path + ".tmp", "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    os.replace(manifest_path + ".tmp", manifest_path)
    print(f"wrote {manifest_path}")


if __name__ == "__main__":
    main()
