#!/usr/bin/python3
"""Five real tabular sets, split 75/25, and scikit-learn's MLP baseline on each split.

Writes test/fixtures/tabular/<set>-train.csv and <set>-test.csv (the split is made here, with a
fixed seed, so it is reproducible) and test/reference/sklearn-tabular.json (the baselines and the
versions that produced them). It is not a test: test/cli/tabular-baselines.test.ts reads the files.

Needs Debian's python3-sklearn (run with /usr/bin/python3) and, for the penguins, the CSV of
r-cran-palmerpenguins, unpacked without installing R:

    apt-get install -y python3-sklearn
    cd /tmp/pp && apt-get download r-cran-palmerpenguins && dpkg -x r-cran-palmerpenguins_*.deb .
    /usr/bin/python3 scripts/sklearn-baselines.py [--penguins PATH/TO/penguins.csv]

Baseline pipeline (what a scikit-learn user writes first):
    classification  StandardScaler → MLPClassifier(hidden_layer_sizes=(64,), max_iter=1000)
    regression      StandardScaler → MLPRegressor(hidden_layer_sizes=(64,), max_iter=1000)
    penguins        ColumnTransformer(numeric: SimpleImputer(mean) → StandardScaler;
                    categorical: SimpleImputer(most_frequent) → OneHotEncoder(handle_unknown=ignore))
                    → MLPClassifier(hidden_layer_sizes=(64,), max_iter=1000)
Every other parameter is scikit-learn's default (relu, adam, lr 1e-3, alpha 1e-4, batch
min(200, n), no early stopping). The score (accuracy; R² for regression) is measured on the test
file, for random_state 0..4, and the mean is the baseline.
"""

import argparse
import csv
import json
import math
import os
import platform
import warnings

import numpy as np
import scipy
import sklearn
from sklearn import datasets
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "test", "fixtures", "tabular")
REFERENCE = os.path.join(ROOT, "test", "reference", "sklearn-tabular.json")
DEFAULT_PENGUINS = "/tmp/pp/usr/lib/R/site-library/palmerpenguins/extdata/penguins.csv"

SPLIT_SEED = 0  # train_test_split(random_state=…)
TEST_SIZE = 0.25
MODEL_SEEDS = [0, 1, 2, 3, 4]  # MLP random_state; the baseline is the mean over these
HIDDEN = (64,)
MAX_ITER = 1000
MISSING = {"", "NA"}  # the penguins file writes NA; the split files write an empty cell


def cell(v):
    """A number as short as it reads: 181 not 181.0, 0.1184 not 0.11840000000000001."""
    if isinstance(v, str):
        return v
    f = float(v)
    return str(int(f)) if f.is_integer() else repr(f)


def write_csv(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow([cell(v) for v in row])


def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def bundled_sets():
    """(name, target column, task, header, rows) for the sets shipped inside scikit-learn."""
    cancer = datasets.load_breast_cancer()
    wine = datasets.load_wine()
    digits = datasets.load_digits()
    diabetes = datasets.load_diabetes(scaled=False)  # original units: age in years, bmi, bp, …
    named = lambda b: [b.target_names[t] for t in b.target]
    pixel_names = [f"pixel_{i // 8}_{i % 8}" for i in range(64)]
    return [
        ("breast-cancer", "diagnosis", "classification", list(cancer.feature_names),
         cancer.data, named(cancer)),
        ("wine", "cultivar", "classification", list(wine.feature_names), wine.data, named(wine)),
        ("digits", "digit", "classification", pixel_names, digits.data, list(digits.target)),
        ("diabetes", "progression", "regression", list(diabetes.feature_names), diabetes.data,
         list(diabetes.target)),
    ]


def split_and_write(name, target, task, header, features, labels):
    """75/25 split (stratified by class for classification); writes the two files."""
    rows = [list(x) + [y] for x, y in zip(features, labels)]
    stratify = labels if task == "classification" else None
    train, test = train_test_split(
        rows, test_size=TEST_SIZE, random_state=SPLIT_SEED, stratify=stratify
    )
    for part, part_rows in (("train", train), ("test", test)):
        write_csv(os.path.join(FIXTURES, f"{name}-{part}.csv"), header + [target], part_rows)


def penguins_set(path):
    """Palmer penguins: species as target; island and sex categorical; NA → empty cell."""
    header, rows = read_csv(path)
    target = "species"
    t = header.index(target)
    features = [[("" if v in MISSING else v) for i, v in enumerate(r) if i != t] for r in rows]
    labels = [r[t] for r in rows]
    names = [h for i, h in enumerate(header) if i != t]
    return ("penguins", target, "classification", names, features, labels)


def load_split(name, target):
    """Read a written split back, so the baseline sees exactly the committed files."""
    out = {}
    for part in ("train", "test"):
        header, rows = read_csv(os.path.join(FIXTURES, f"{name}-{part}.csv"))
        t = header.index(target)
        x = [[v for i, v in enumerate(r) if i != t] for r in rows]
        y = [r[t] for r in rows]
        out[part] = (x, y)
    features = [h for h in header if h != target]
    return features, out


def numeric_columns(x):
    """Indices of columns whose non-missing cells all parse as numbers."""
    def is_number(v):
        try:
            float(v)
            return True
        except ValueError:
            return False

    return [j for j in range(len(x[0])) if all(r[j] in MISSING or is_number(r[j]) for r in x)]


def make_model(task, x_train, seed):
    head = (MLPClassifier if task == "classification" else MLPRegressor)(
        hidden_layer_sizes=HIDDEN, max_iter=MAX_ITER, random_state=seed
    )
    numeric = numeric_columns(x_train)
    categorical = [j for j in range(len(x_train[0])) if j not in numeric]
    if not categorical and not any(v in MISSING for r in x_train for v in r):
        return make_pipeline(StandardScaler(), head)
    columns = ColumnTransformer(
        [
            ("numeric", make_pipeline(SimpleImputer(strategy="mean"), StandardScaler()), numeric),
            (
                "categorical",
                make_pipeline(
                    SimpleImputer(strategy="most_frequent"),
                    OneHotEncoder(handle_unknown="ignore"),
                ),
                categorical,
            ),
        ]
    )
    return make_pipeline(columns, head)


def as_array(x, task_numeric):
    """Object array: numbers where the column is numeric (NaN for a gap), text elsewhere."""
    arr = np.empty((len(x), len(x[0])), dtype=object)
    for i, r in enumerate(x):
        for j, v in enumerate(r):
            if j in task_numeric:
                arr[i, j] = math.nan if v in MISSING else float(v)
            else:
                arr[i, j] = np.nan if v in MISSING else v
    return arr


def baseline(name, target, task):
    features, parts = load_split(name, target)
    x_train, y_train = parts["train"]
    x_test, y_test = parts["test"]
    numeric = set(numeric_columns(x_train))
    a_train, a_test = as_array(x_train, numeric), as_array(x_test, numeric)
    if len(numeric) == len(features):
        a_train, a_test = a_train.astype(float), a_test.astype(float)
    if task == "regression":
        y_train, y_test = [float(v) for v in y_train], [float(v) for v in y_test]
    scores, iterations = [], []
    for seed in MODEL_SEEDS:
        model = make_model(task, x_train, seed)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            model.fit(a_train, y_train)
        converged = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
        predicted = model.predict(a_test)
        score = (
            accuracy_score(y_test, predicted)
            if task == "classification"
            else r2_score(y_test, predicted)
        )
        scores.append(round(float(score), 6))
        iterations.append({"nIter": int(model[-1].n_iter_), "converged": converged})
    classes = sorted(set(y_train)) if task == "classification" else None
    return {
        "target": target,
        "task": task,
        "metric": "accuracy" if task == "classification" else "r2",
        "trainRows": len(x_train),
        "testRows": len(x_test),
        "features": len(features),
        "classes": classes,
        "baseline": round(float(np.mean(scores)), 6),
        "scores": scores,
        "min": min(scores),
        "max": max(scores),
        "runs": iterations,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--penguins", default=DEFAULT_PENGUINS, help="path to penguins.csv")
    args = parser.parse_args()
    os.makedirs(FIXTURES, exist_ok=True)
    sets = bundled_sets() + [penguins_set(args.penguins)]
    for name, target, task, header, features, labels in sets:
        split_and_write(name, target, task, header, features, labels)
    results = {}
    for name, target, task, *_ in sets:
        results[name] = baseline(name, target, task)
        r = results[name]
        print(f"{name:14} {r['metric']:8} {r['baseline']:.4f}  ({r['min']:.4f}–{r['max']:.4f})")
    out = {
        "generatedBy": "scripts/sklearn-baselines.py",
        "versions": {
            "python": platform.python_version(),
            "sklearn": sklearn.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
        },
        "split": {"testSize": TEST_SIZE, "randomState": SPLIT_SEED, "stratified": "by class"},
        "model": {
            "hiddenLayerSizes": list(HIDDEN),
            "maxIter": MAX_ITER,
            "randomStates": MODEL_SEEDS,
            "pipeline": {
                "numeric": "StandardScaler → MLP",
                "penguins": "numeric: SimpleImputer(mean) → StandardScaler; categorical: "
                "SimpleImputer(most_frequent) → OneHotEncoder(handle_unknown=ignore); → MLP",
            },
            "otherParameters": "scikit-learn defaults (relu, adam, lr 1e-3, alpha 1e-4)",
        },
        "sets": results,
    }
    with open(REFERENCE, "w") as f:
        json.dump(out, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
