"""Optuna's fANOVA parameter importances for trials exported by compare.mjs.

Usage: python3 optuna_fanova.py TRIALS.json
Input: {"space": {name: ParamSpec, ...}, "trials": [{"params": {...}, "value": number}, ...]}
       (the rungs space format: float/int with low, high, log, step; categorical with choices).
Output (stdout): one JSON object {param: importance}, Optuna's normalised importances.
Needs optuna and scikit-learn (Debian: apt-get install -y python3-optuna python3-sklearn).
"""
import json
import math
import sys

import optuna


def distribution(spec):
    kind = spec["type"]
    if kind == "categorical":
        return optuna.distributions.CategoricalDistribution(spec["choices"])
    log = bool(spec.get("log", False))
    if kind == "int":
        step = spec.get("step", 1)
        return optuna.distributions.IntDistribution(int(spec["low"]), int(spec["high"]), log=log, step=step)
    if kind == "float":
        step = None if log else spec.get("step")
        return optuna.distributions.FloatDistribution(float(spec["low"]), float(spec["high"]), log=log, step=step)
    raise ValueError(f"unknown param type {kind!r}")


def main(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    space = data["space"]
    dists = {name: distribution(spec) for name, spec in space.items()}
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(direction="minimize")
    for t in data["trials"]:
        value = t.get("value")
        if value is None or not math.isfinite(value):
            continue
        params = {}
        for name, spec in space.items():
            v = t["params"][name]
            params[name] = int(v) if spec["type"] == "int" else v
        study.add_trial(
            optuna.trial.create_trial(params=params, distributions=dists, value=value)
        )
    importances = optuna.importance.get_param_importances(
        study, evaluator=optuna.importance.FanovaImportanceEvaluator(seed=0)
    )
    print(json.dumps({k: float(v) for k, v in importances.items()}))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: optuna_fanova.py TRIALS.json")
    main(sys.argv[1])
