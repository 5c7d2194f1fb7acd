#!/usr/bin/python3
"""Reference for `pairwisecl bench`: one Adam step of the paper's log-mel CNN + projection head in PyTorch
(Debian 12's python3-torch), the same layers and shapes as MelCnnEncoder + ProjectionHead. By default with
PyTorch's fused batch norm (every frame is valid here, so masked statistics equal the plain ones); with
--masked, with the element-wise operations MelCnnEncoder runs to stay padding-invariant (input and activations
multiplied by the frame mask, batch statistics over valid frames, mean pooling over valid frames), so the two
implementations of the same algorithm are compared. Prints one JSON object on stdout.

    /usr/bin/python3 tools/bench/torch_training_step.py --batch 128 --frames 1501 --threads 2 --steps 5 [--masked]
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn


class MelCnn(nn.Module):
    def __init__(self, first=16, second=32, out=128, kernel=5, stride=3, third_stride=2):
        super().__init__()
        self.conv1 = nn.Conv2d(1, first, kernel, stride=stride, padding=kernel // 2, bias=False)
        self.norm1 = nn.BatchNorm2d(first, affine=False)
        self.pool1 = nn.MaxPool2d(2, ceil_mode=True)
        self.conv2 = nn.Conv2d(first, second, 3, padding=1, bias=False)
        self.norm2 = nn.BatchNorm2d(second, affine=False)
        self.pool2 = nn.MaxPool2d(2, ceil_mode=True)
        self.conv3 = nn.Conv2d(second, out, 3, stride=third_stride, padding=1, bias=False)
        self.norm3 = nn.BatchNorm2d(out, affine=False)

    def forward(self, x):
        x = self.pool1(torch.relu(self.norm1(self.conv1(x.unsqueeze(1)))))
        x = self.pool2(torch.relu(self.norm2(self.conv2(x))))
        x = torch.relu(self.norm3(self.conv3(x)))
        return x.mean(dim=2).mean(dim=2)


class MaskedBatchNorm(nn.Module):
    """ScalarFreeBatchNorm2d.forward(input, frameMask) in training mode: statistics over valid frames only."""

    def __init__(self, channels, eps=1e-5):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(channels))
        self.bias = nn.Parameter(torch.zeros(channels))
        self.eps = eps

    def forward(self, x, mask):  # x [B, C, H, W], mask [B, W] (bool)
        m = mask.to(x.dtype)[:, None, None, :]
        count = mask.to(torch.float64).sum().item() * x.shape[2]
        mean = (x * m).sum(dim=(0, 2, 3)) / count
        centered = x - mean.view(1, -1, 1, 1)
        variance = ((centered * m) * (centered * m)).sum(dim=(0, 2, 3)) / count
        scale = (variance + self.eps).rsqrt() * self.weight
        return centered * scale.view(1, -1, 1, 1) + self.bias.view(1, -1, 1, 1)


def frame_mask(valid, frames):
    return torch.arange(frames)[None, :] < valid[:, None]


def downsampled(valid, factor):
    return torch.div(valid + factor - 1, factor, rounding_mode="floor")


class MaskedMelCnn(nn.Module):
    """MelCnnEncoder.forward: the same layers with the mask operations around each batch norm."""

    def __init__(self, first=16, second=32, out=128, kernel=5, stride=3, third_stride=2):
        super().__init__()
        self.conv1 = nn.Conv2d(1, first, kernel, stride=stride, padding=kernel // 2, bias=False)
        self.norm1 = MaskedBatchNorm(first)
        self.pool1 = nn.MaxPool2d(2, ceil_mode=True)
        self.conv2 = nn.Conv2d(first, second, 3, padding=1, bias=False)
        self.norm2 = MaskedBatchNorm(second)
        self.pool2 = nn.MaxPool2d(2, ceil_mode=True)
        self.conv3 = nn.Conv2d(second, out, 3, stride=third_stride, padding=1, bias=False)
        self.norm3 = MaskedBatchNorm(out)
        self.stride, self.third_stride = stride, third_stride

    @staticmethod
    def normalise(x, norm, valid):
        mask = frame_mask(valid, x.shape[3])
        return torch.relu(norm(x, mask)) * mask.to(x.dtype)[:, None, None, :]

    def forward(self, features, valid):
        x = features.unsqueeze(1) * frame_mask(valid, features.shape[2]).to(features.dtype)[:, None, None, :]
        valid = downsampled(valid, self.stride)
        x = self.pool1(self.normalise(self.conv1(x), self.norm1, valid))
        valid = downsampled(valid, 2)
        x = self.normalise(self.conv2(x), self.norm2, valid)
        valid = downsampled(valid, 2)
        x = self.pool2(x)
        valid = downsampled(valid, self.third_stride)
        x = self.normalise(self.conv3(x), self.norm3, valid)
        over_frequency = x.mean(dim=2)
        mask = frame_mask(valid, over_frequency.shape[2]).to(x.dtype)[:, None, :]
        return (over_frequency * mask).sum(dim=2) / mask.sum(dim=2)


class MaskedModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = MaskedMelCnn()
        self.head = nn.Sequential(nn.Linear(128, 256), nn.ReLU(), nn.Linear(256, 128))

    def forward(self, x, valid):
        return self.head(self.encoder(x, valid))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--mels", type=int, default=64)
    parser.add_argument("--frames", type=int, default=1501)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--masked", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = MaskedModel() if args.masked else nn.Sequential(MelCnn(), nn.Linear(128, 256), nn.ReLU(), nn.Linear(256, 128))
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.rand(args.batch, args.mels, args.frames) * 2 - 1
    valid = torch.full((args.batch,), args.frames)
    times = []
    for step in range(args.steps + 1):
        start = time.perf_counter()
        optimiser.zero_grad()
        loss = (model(x, valid) if args.masked else model(x)).pow(2).mean()
        loss.backward()
        optimiser.step()
        if step > 0:  # the first step is warm-up
            times.append(time.perf_counter() - start)
    print(json.dumps({"seconds_median": statistics.median(times), "seconds": times, "torch": torch.__version__,
                      "threads": torch.get_num_threads(), "masked": args.masked}))


if __name__ == "__main__":
    main()
