#!/usr/bin/python3
"""Reference for `pairwisecl bench`: one Adam step of the paper's log-mel CNN + projection head in PyTorch
(Debian 12's python3-torch), the same layers and shapes as MelCnnEncoder + ProjectionHead (plain batch norm:
every frame is valid here, so masked statistics equal the plain ones). Prints one JSON object on stdout.

    /usr/bin/python3 tools/bench/torch_training_step.py --batch 128 --frames 1501 --threads 2 --steps 5
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--mels", type=int, default=64)
    parser.add_argument("--frames", type=int, default=1501)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--steps", type=int, default=5)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = nn.Sequential(MelCnn(), nn.Linear(128, 256), nn.ReLU(), nn.Linear(256, 128))
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.rand(args.batch, args.mels, args.frames) * 2 - 1
    times = []
    for step in range(args.steps + 1):
        start = time.perf_counter()
        optimiser.zero_grad()
        loss = model(x).pow(2).mean()
        loss.backward()
        optimiser.step()
        if step > 0:  # the first step is warm-up
            times.append(time.perf_counter() - start)
    print(json.dumps({"seconds_median": statistics.median(times), "seconds": times, "torch": torch.__version__,
                      "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
