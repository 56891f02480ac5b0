"""Optuna reference for bench/conditional-space/run.mjs (not meant to be run by hand).

Usage: python3 optuna_conditional.py JOBS.json  ->  a JSON array of result rows on stdout.

JOBS.json is written by run.mjs: one entry per (task, seed, strategy) with the exported split
(little-endian float64 .bin files of rungs' own standardised train/val split, as bench:search's),
the conditional space in rungs' format, `order` (the names in rungs' conditionOrder: parents
before the params whose `when` names them), the hidden units of the MLP, the epochs each trial
trains (no pruner), the number of trials, and guidedFrom (the first trial of the guidedMedian).

Strategies (one study each, `trials` trials):
  optuna_random     RandomSampler(seed=seed), define-by-run objective
  optuna_tpe_cond   TPESampler(seed=seed) defaults, define-by-run objective: batchSize, lr and
                    the optimizer are suggested, then only the optimizer's own params (Optuna's
                    TPE fits each param to the trials that have it)
  optuna_tpe_flat   TPESampler(seed=seed) defaults, flat objective: every param is suggested in
                    every trial; the trainer is given only the params the optimizer uses (the
                    same function of the configuration as the define-by-run objective)
The trainer is bench:search's numpy MLP (optuna_reference.train, imported, not copied), one
hidden ReLU layer, with rungs' sgd, momentum, nesterov, rmsprop, adam and adamw; a param the
trial does not have takes rungs' default (weight decay 0). A diverged trial fails (FAIL: Optuna's
TPE leaves it out of its model). best = the best COMPLETE trial's val_loss.
"""
import json
import math
import os
import sys
import time

import numpy as np
import optuna

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "search-quality"))
from optuna_reference import Diverged, load, suggest, train  # noqa: E402  (bench:search's trainer)

optuna.logging.set_verbosity(optuna.logging.ERROR)

SAMPLERS = {
    "optuna_random": lambda seed: optuna.samplers.RandomSampler(seed=seed),
    "optuna_tpe_cond": lambda seed: optuna.samplers.TPESampler(seed=seed),
    "optuna_tpe_flat": lambda seed: optuna.samplers.TPESampler(seed=seed),
}


def is_active(spec, hp):
    """rungs' isActive: every `when` entry's parent is in hp with one of the listed values."""
    for parent, entry in spec.get("when", {}).items():
        values = entry if isinstance(entry, list) else [entry]
        if parent not in hp or hp[parent] not in values:
            return False
    return True


def configuration(trial, job, flat):
    """The trial's active params. Define-by-run: only those are suggested. Flat: every param
    is suggested, the inactive ones are then dropped."""
    hp = {}
    for name in job["order"]:
        spec = job["space"][name]
        active = is_active(spec, hp)
        if active or flat:
            value = suggest(trial, {name: spec})[name]
            if active:
                hp[name] = value
    return hp


def run_one(job, data, strategy):
    seed = job["seed"]
    flat = strategy == "optuna_tpe_flat"
    study = optuna.create_study(
        study_name=f"{job['task']}-{strategy}-s{seed}",
        direction="minimize",
        sampler=SAMPLERS[strategy](seed),
        pruner=optuna.pruners.NopPruner(),
    )
    counter = {"epochs": 0}
    by_optimizer = {}

    def objective(trial):
        hp = configuration(trial, job, flat)
        by_optimizer[hp["optimizer"]] = by_optimizer.get(hp["optimizer"], 0) + 1
        rng = np.random.default_rng([seed, trial.number])
        return train(data, job["data"]["classes"], hp, job["hidden"], rng, job["epochs"], trial, counter)

    t0 = time.perf_counter()
    study.optimize(objective, n_trials=job["trials"], catch=(Diverged,))
    wall = time.perf_counter() - t0
    complete = [t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE]
    best = min(complete, key=lambda t: t.value, default=None)
    guided = float(np.median([t.value if t.state == optuna.trial.TrialState.COMPLETE else math.inf for t in study.trials[job["guidedFrom"] :]]))
    return {
        "task": job["task"],
        "strategy": strategy,
        "seed": seed,
        # None (JSON null) for no complete trial / +inf: JSON has no NaN or Infinity; run.mjs reads them back
        "bestLoss": best.value if best else None,
        "bestOptimizer": best.params["optimizer"] if best else None,
        # run.mjs's guidedMedian: the median loss of trials guidedFrom… (a failed one counts as +inf)
        "guidedMedian": guided if math.isfinite(guided) else None,
        "byOptimizer": by_optimizer,
        "trials": len(study.trials),
        "failed": sum(t.state == optuna.trial.TrialState.FAIL for t in study.trials),
        "wallMs": wall * 1000,
    }


def main():
    with open(sys.argv[1]) as f:
        jobs = json.load(f)
    rows = []
    loaded = {}
    for job in jobs:
        d = job["data"]
        if d["prefix"] not in loaded:
            loaded[d["prefix"]] = load(d["prefix"], d["nTrain"], d["nVal"], d["d"])
        row = run_one(job, loaded[d["prefix"]], job["strategy"])
        print(
            f"{job['task']} seed {job['seed']} {job['strategy']}: best {math.nan if row['bestLoss'] is None else row['bestLoss']:.4f}, {row['trials']} trials "
            f"({row['failed']} failed), {row['wallMs'] / 1000:.1f}s",
            file=sys.stderr,
        )
        rows.append(row)
    json.dump(rows, sys.stdout)


if __name__ == "__main__":
    main()
