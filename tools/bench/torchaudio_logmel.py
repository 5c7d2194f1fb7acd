#!/usr/bin/python3
"""Reference for `pairwisecl bench --only extraction`: the paper's log-mel features of every WAV in a folder with
torchaudio (Debian 12's python3-torchaudio), as a researcher's script would compute them: read the file, pad or
trim to 15 s, MelSpectrogram with our parameters (25 ms window, 10 ms hop, 512-point FFT, 64 HTK mel filters
60-7800 Hz, power 2, centred with reflection), natural log with a 1e-6 floor. Parallel over files with
--workers processes, each with one thread, as our extractor runs one clip per worker. Prints one JSON object.

    /usr/bin/python3 tools/bench/torchaudio_logmel.py --folder ../shared/data/emodb-dev/wav --workers 2
"""
import argparse
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor

SAMPLE_RATE = 16000
FIXED = 15 * SAMPLE_RATE


def extract(paths):
    import torch
    import torchaudio
    torch.set_num_threads(1)
    transform = torchaudio.transforms.MelSpectrogram(
        sample_rate=SAMPLE_RATE, n_fft=512, win_length=400, hop_length=160, f_min=60.0, f_max=7800.0, n_mels=64,
        power=2.0, center=True, pad_mode="reflect", norm=None, mel_scale="htk")
    audio = 0.0
    for path in paths:
        signal, rate = torchaudio.load(path)
        signal = signal.mean(dim=0)
        if rate != SAMPLE_RATE:
            signal = torchaudio.functional.resample(signal, rate, SAMPLE_RATE)
        audio += signal.shape[0] / SAMPLE_RATE
        fitted = torch.zeros(FIXED)
        fitted[: min(FIXED, signal.shape[0])] = signal[:FIXED]
        transform(fitted).clamp(min=1e-6).log()
    return audio


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    paths = sorted(os.path.join(args.folder, f) for f in os.listdir(args.folder) if f.lower().endswith(".wav"))
    chunks = [paths[i::args.workers] for i in range(args.workers)]
    extract(paths[:1])  # import and first-call costs, as ours excludes its first utterance
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        audio = sum(pool.map(extract, chunks))
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "clips": len(paths), "audio_seconds": audio, "workers": args.workers}))


if __name__ == "__main__":
    main()
