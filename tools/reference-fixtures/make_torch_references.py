#!/usr/bin/python3
"""Writes the independent numerical references the Core tests compare against (issue: tolerances from
references, not from one CPU). Needs Debian 12's python3-torch (1.13) and python3-torchaudio (0.13):

    sudo apt-get install python3-torch python3-torchaudio
    /usr/bin/python3 tools/reference-fixtures/make_torch_references.py [--shared ../shared] [--output DIR]

Everything is seeded, so a rerun writes the same numbers (on the same machine). The files are committed
under tests/PairwiseCL.Core.Tests/Fixtures/TorchReference; the test command never runs Python.

What it writes (every tensor float32 in torch.save's zip format, so our own checkpoint reader loads them):
- wav2vec2-{base,large}.pth: reduced-size torchaudio wav2vec 2.0 models (BASE layout: group norm, post-norm;
  LARGE layout: layer-norm extractor with conv bias, pre-norm) with torchaudio's random initialisation.
- wav2vec2-{base,large}-states.pth: a short EmoDB clip ("clip"), and all hidden states of it (state 0 the
  feature projection output, states 1..N the extract_features outputs) computed in float32 ("float32") and in
  float64 ("float64", rounded to float32 on saving).
- mel.pth: torchaudio MelSpectrogram with our log-mel parameters, natural log with a 1e-6 floor, of the clip as
  it is ("clip_*") and of the clip zero-padded to 3 s ("padded_*"), each in float32 and float64.
- loss.pth: the Pairwise-CL loss (NT-Xent per view pair, cosine similarity, both directions, mean over pairs)
  for K=3 views of N=8 utterances with 16-d projections at tau 0.5 and 0.1, and its gradient, in float64.
- errors.json: how far torchaudio's own float32 results lie from its float64 results, per tensor: the bound
  the tests derive their tolerances from; for wav2vec 2.0 also on the clip's first 8000, 20000 and 500 samples
  zero-padded to 15 s ("-padded15s", over the frames covering real audio, the worst of the three per state),
  the view's default input.
"""
import argparse
import json
import math
import os
import wave

import numpy as np
import torch
import torchaudio

# Clip lengths (samples) of the padded wav2vec 2.0 deviations; the batched-extraction test uses the same cuts.
PADDED_LENGTHS = (8000, 20000, 500)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def read_wav(path):
    with wave.open(path, "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1 and w.getframerate() == 16000, path
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return torch.from_numpy(pcm.astype(np.float32) / 32768.0)


def reduced_wav2vec2(layout):
    """torchaudio's wav2vec2_model with BASE's conv kernels and strides, 16 channels, dim 32, 3 layers."""
    conv = [(16, 10, 5)] + [(16, 3, 2)] * 4 + [(16, 2, 2)] * 2
    base = layout == "base"
    return torchaudio.models.wav2vec2_model(
        extractor_mode="group_norm" if base else "layer_norm",
        extractor_conv_layer_config=conv,
        extractor_conv_bias=not base,
        encoder_embed_dim=32,
        encoder_projection_dropout=0.0,
        encoder_pos_conv_kernel=16 if base else 15,
        encoder_pos_conv_groups=4,
        encoder_num_layers=3,
        encoder_num_heads=4,
        encoder_attention_dropout=0.0,
        encoder_ff_interm_features=64,
        encoder_ff_interm_dropout=0.0,
        encoder_dropout=0.0,
        encoder_layer_norm_first=not base,
        encoder_layer_drop=0.0,
        aux_num_out=None,
    )


def hidden_states(model, clip):
    with torch.no_grad():
        x = clip.unsqueeze(0)
        features, _ = model.feature_extractor(x, None)
        projected = model.encoder.feature_projection(features)
        layers, _ = model.extract_features(x)
    return torch.stack([projected[0]] + [layer[0] for layer in layers])


def relative_errors(approximate, exact, floor=1e-2):
    """Relative Frobenius error, and the largest relative error over elements with |exact| >= floor."""
    a, e = approximate.double(), exact.double()
    frobenius = ((a - e).norm() / e.norm()).item()
    large = e.abs() >= floor
    elementwise = ((a - e).abs()[large] / e.abs()[large]).max().item() if large.any() else 0.0
    absolute = (a - e).abs().max().item()
    return {"relative_frobenius": frobenius, "max_relative_at_least_1e-2": elementwise, "max_absolute": absolute}


def log_mel(signal):
    # Built under the signal's default dtype: torchaudio computes the filter bank (linspace, mel conversions) and the
    # window in the default dtype, so a float64 run needs them made in float64 too, not float32 ones widened.
    previous = torch.get_default_dtype()
    torch.set_default_dtype(signal.dtype)
    try:
        transform = torchaudio.transforms.MelSpectrogram(
            sample_rate=16000, n_fft=512, win_length=400, hop_length=160, f_min=60.0, f_max=7800.0, n_mels=64,
            power=2.0, center=True, pad_mode="reflect", norm=None, mel_scale="htk")
    finally:
        torch.set_default_dtype(previous)
    return transform(signal).clamp(min=1e-6).log()


def pairwise_cl_loss(views, tau):
    """The paper's loss written out: NT-Xent over the 2N projections of each view pair, averaged over pairs."""
    pair_losses = []
    for i in range(len(views)):
        for j in range(i + 1, len(views)):
            z = torch.cat([views[i], views[j]])
            z = z / z.norm(dim=1, keepdim=True)
            similarity = z @ z.t() / tau
            n = views[i].shape[0]
            anchors = []
            for a in range(2 * n):
                positive = (a + n) % (2 * n)
                others = [similarity[a, b] for b in range(2 * n) if b != a]
                anchors.append(-similarity[a, positive] + torch.logsumexp(torch.stack(others), 0))
            pair_losses.append(torch.stack(anchors).mean())
    return torch.stack(pair_losses).mean()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    parser.add_argument("--output", default=os.path.join(ROOT, "tests", "PairwiseCL.Core.Tests", "Fixtures", "TorchReference"))
    args = parser.parse_args()
    os.makedirs(args.output, exist_ok=True)
    torch.set_num_threads(1)
    errors = {"torch": torch.__version__, "torchaudio": torchaudio.__version__}

    # A short real clip: the first 1.6 s of an EmoDB utterance (speaker 03, anger).
    clip = read_wav(os.path.join(args.shared, "data", "emodb-dev", "wav", "03a01Wa.wav"))[:25600].contiguous()

    for index, layout in enumerate(["base", "large"]):
        torch.manual_seed(1234 + index)
        model = reduced_wav2vec2(layout).eval()
        torch.save(model.state_dict(), os.path.join(args.output, f"wav2vec2-{layout}.pth"))
        single = hidden_states(model, clip)
        double = hidden_states(model.double(), clip.double())
        torch.save({"clip": clip, "float32": single, "float64": double.float()},
                   os.path.join(args.output, f"wav2vec2-{layout}-states.pth"))
        errors[f"wav2vec2-{layout}"] = [relative_errors(single[s], double[s]) for s in range(single.shape[0])]
        # The view's default input: clips zero-padded to 15 s (the paper). Longer sums than the short clip, so
        # their own deviation; the worst over three lengths (cut from the clip) per state.
        padded_errors = []
        for length in PADDED_LENGTHS:
            padded = torch.zeros(15 * 16000)
            padded[:length] = clip[:length]
            frames = (length - 400) // 320 + 1  # the frames covering real audio, which the view keeps
            single = hidden_states(model.float(), padded)[:, :frames]
            double = hidden_states(model.double(), padded.double())[:, :frames]
            padded_errors.append([relative_errors(single[s], double[s]) for s in range(single.shape[0])])
        errors[f"wav2vec2-{layout}-padded15s"] = [
            {key: max(e[s][key] for e in padded_errors) for key in padded_errors[0][s]} for s in range(len(padded_errors[0]))]

    padded = torch.zeros(3 * 16000)
    padded[: clip.numel()] = clip
    mel = {}
    for name, signal in [("clip", clip), ("padded", padded)]:
        single, double = log_mel(signal), log_mel(signal.double())
        mel[f"{name}_float32"], mel[f"{name}_float64"] = single, double.float()
        errors[f"mel-{name}"] = relative_errors(single, double)
    torch.save(mel, os.path.join(args.output, "mel.pth"))

    generator = torch.Generator().manual_seed(99)
    # Rounded to float32 first: the fixture stores float32, and the float64 reference must start from exactly that.
    views = [torch.randn(8, 16, generator=generator, dtype=torch.float64).float().double() for _ in range(3)]
    loss = {}
    for k, view in enumerate(views):
        loss[f"view{k}"] = view.float()
    for tau in (0.5, 0.1):
        inputs = [v.clone().requires_grad_(True) for v in views]
        value = pairwise_cl_loss(inputs, tau)
        value.backward()
        key = f"tau{tau}"
        loss[f"{key}_loss"] = value.detach().float().reshape(1)
        for k, view in enumerate(inputs):
            loss[f"{key}_grad{k}"] = view.grad.float()
        # torch's float32 of the same computation, for the tolerance.
        inputs32 = [v.float().clone().requires_grad_(True) for v in views]
        value32 = pairwise_cl_loss(inputs32, tau)
        value32.backward()
        errors[f"loss-{key}"] = {
            "loss": relative_errors(value32.detach().reshape(1), value.detach().reshape(1)),
            "gradient": relative_errors(torch.cat([v.grad for v in inputs32]), torch.cat([v.grad for v in inputs])),
        }
    torch.save(loss, os.path.join(args.output, "loss.pth"))

    with open(os.path.join(args.output, "errors.json"), "w") as handle:
        json.dump(errors, handle, indent=2)
        handle.write("\n")
    print(json.dumps(errors, indent=2))


if __name__ == "__main__":
    main()
