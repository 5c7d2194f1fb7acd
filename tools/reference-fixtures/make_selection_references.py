#!/usr/bin/python3
"""Writes the scikit-learn reference for the label-selection classifier (SoftmaxRegression). Needs Debian 12's
python3-sklearn (1.2):

    sudo apt-get install python3-sklearn
    /usr/bin/python3 tools/reference-fixtures/make_selection_references.py [--output DIR]

It draws three overlapping Gaussian classes in 6 dimensions (seeded), fits
LogisticRegression(multi_class="multinomial", solver="newton-cg") at C = 1 and C = 0.05 to a tight tolerance
(lbfgs stops at a gradient of ~5e-5 because of scipy's ftol; newton-cg reaches ~1e-8), and
saves the training points, labels, fitted coefficients/intercepts and the class probabilities of held-out
points as JSON under tests/PairwiseCL.Core.Tests/Fixtures/SklearnReference. The test command never runs Python.
"""
import argparse
import json
import os
import warnings

import numpy as np
from sklearn.linear_model import LogisticRegression


def main():
    parser = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--output", default=os.path.join(here, "../../tests/PairwiseCL.Core.Tests/Fixtures/SklearnReference"))
    args = parser.parse_args()
    rng = np.random.default_rng(20261203)
    centres = rng.normal(0.0, 1.5, size=(3, 6))
    train_labels = np.repeat(np.arange(3), [14, 9, 11])
    train = centres[train_labels] + rng.normal(0.0, 1.0, size=(len(train_labels), 6))
    test = rng.normal(0.0, 2.0, size=(25, 6))
    cases = []
    for c in (1.0, 0.05):
        model = LogisticRegression(multi_class="multinomial", solver="newton-cg", C=c, tol=1e-9, max_iter=1000)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # newton-cg reports non-convergence once it reaches rounding level
            model.fit(train, train_labels)
        cases.append({
            "C": c,
            "coef": model.coef_.tolist(),
            "intercept": model.intercept_.tolist(),
            "test_probabilities": model.predict_proba(test).tolist(),
        })
    os.makedirs(args.output, exist_ok=True)
    with open(os.path.join(args.output, "softmax-regression.json"), "w") as f:
        json.dump({"train": train.tolist(), "train_labels": train_labels.tolist(), "test": test.tolist(), "cases": cases}, f, indent=1)


if __name__ == "__main__":
    main()
