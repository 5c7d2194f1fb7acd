#!/usr/bin/python3
"""Reference for `pairwisecl bench`: scikit-learn's t-SNE (Barnes-Hut, perplexity 30, PCA init, automatic
learning rate; Debian 12's python3-sklearn) on the shared 8x8 digits, timed, with trustworthiness (10
neighbours) of the embedding. Prints one JSON object on stdout.

    /usr/bin/python3 tools/bench/sklearn_tsne.py --x ../shared/data/reference/tsne/digits_x.csv
"""
import argparse
import json
import time

import numpy as np
import sklearn
from sklearn.manifold import TSNE, trustworthiness


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--x", required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    x = np.loadtxt(args.x, delimiter=",", dtype=np.float64, ndmin=2)
    start = time.perf_counter()
    embedding = TSNE(n_components=2, perplexity=30.0, init="pca", learning_rate="auto", random_state=args.seed).fit_transform(x)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "trustworthiness_k10": float(trustworthiness(x, embedding, n_neighbors=10)),
                      "sklearn": sklearn.__version__, "points": int(x.shape[0])}))


if __name__ == "__main__":
    main()
