"""Optuna reference for bench/tpe-quality/run.mjs (not meant to be run by hand).

Usage:
  python3 optuna_tpe.py quality JOBS.json          -> a JSON array of result rows on stdout
  python3 optuna_tpe.py overhead SIZES SEEDS       -> {"optuna_random": [rows], "optuna_tpe": [rows]} on stdout
                                                      (SIZES, SEEDS: comma-separated, e.g. 300,1000 1,2,3)

quality: JOBS.json is written by run.mjs, in bench/search-quality's job format (one entry per
(task, seed): the exported split, the space, maxBudget, plus `trials`). For each entry, three
studies of `trials` trials each: RandomSampler(seed=seed) (optuna_random) and TPESampler(seed=seed)
with its defaults (optuna_tpe: 10 startup trials, 24 EI candidates, univariate), both with no
pruner (every trial trains to maxBudget), and that TPESampler with MedianPruner() at its defaults
(optuna_tpe_median: 5 startup trials, 0 warmup steps, interval 1); and the other pruners:
RandomSampler(seed=seed) + MedianPruner() (optuna_random_median), RandomSampler(seed=seed) +
PatientPruner(None, patience=3) (optuna_random_patience, min_delta 0), TPESampler(seed=seed) +
PercentilePruner(25.0) (optuna_tpe_percentile, the MedianPruner's other defaults). An entry's
`strategies`, when present, names the studies to run (default all, in QUALITY's order). The
trainer is bench:search's numpy MLP (optuna_reference.make_objective, imported, not copied); a
diverged trial fails (FAIL: Optuna's TPE leaves it out of its model). best = the best COMPLETE
trial's val_loss.

overhead: the cost of deciding, not training. RandomSampler(seed) and TPESampler(seed) with its
defaults, in-memory storage, study.optimize(n_trials=N) of the cheap 5-param function below (the
same one as run.mjs's syntheticObjective), timed from create_study to the end of optimize.
"""
import json
import math
import os
import sys
import time
import warnings

import optuna

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "search-quality"))
from optuna_reference import Diverged, load, make_objective  # noqa: E402  (bench:search's trainer)

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)  # PatientPruner's, once per study

SAMPLERS = {
    "optuna_random": lambda seed: optuna.samplers.RandomSampler(seed=seed),
    "optuna_tpe": lambda seed: optuna.samplers.TPESampler(seed=seed),
}
# quality's studies: (sampler, pruner) by name; the pruned ones prune through the trainer's should_prune().
QUALITY = {
    "optuna_random": (SAMPLERS["optuna_random"], optuna.pruners.NopPruner),
    "optuna_tpe": (SAMPLERS["optuna_tpe"], optuna.pruners.NopPruner),
    "optuna_tpe_median": (SAMPLERS["optuna_tpe"], optuna.pruners.MedianPruner),
    "optuna_random_median": (SAMPLERS["optuna_random"], optuna.pruners.MedianPruner),
    "optuna_random_patience": (SAMPLERS["optuna_random"], lambda: optuna.pruners.PatientPruner(None, patience=3)),
    "optuna_tpe_percentile": (SAMPLERS["optuna_tpe"], lambda: optuna.pruners.PercentilePruner(25.0)),
}


def quality_one(job, data, strategy):
    seed = job["seed"]
    study = optuna.create_study(
        study_name=f"{job['task']}-{strategy}-s{seed}",
        direction="minimize",
        sampler=QUALITY[strategy][0](seed),
        pruner=QUALITY[strategy][1](),
    )
    counter = {"epochs": 0}
    t0 = time.perf_counter()
    study.optimize(make_objective(data, job, counter), n_trials=job["trials"], catch=(Diverged,))
    wall = time.perf_counter() - t0
    complete = [t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE]
    return {
        "task": job["task"],
        "strategy": strategy,
        "seed": seed,
        "bestLoss": min((t.value for t in complete), default=math.nan),
        "epochs": counter["epochs"],
        "trials": len(study.trials),
        "failed": sum(t.state == optuna.trial.TrialState.FAIL for t in study.trials),
        "pruned": sum(t.state == optuna.trial.TrialState.PRUNED for t in study.trials),
        "wallMs": wall * 1000,
    }


def quality(jobs_file):
    with open(jobs_file) as f:
        jobs = json.load(f)
    rows = []
    for job in jobs:
        d = job["data"]
        data = load(d["prefix"], d["nTrain"], d["nVal"], d["d"])
        for strategy in job.get("strategies", QUALITY):
            row = quality_one(job, data, strategy)
            print(
                f"{job['task']} seed {job['seed']} {strategy}: best {row['bestLoss']:.4f}, {row['trials']} trials "
                f"({row['failed']} failed, {row['pruned']} pruned), {row['epochs']} epochs, {row['wallMs'] / 1000:.1f}s",
                file=sys.stderr,
            )
            rows.append(row)
    return rows


KIND_COST = {"a": 0.5, "b": 0.0, "c": 1.0}


def synthetic(trial):
    """Minimum 0 at lr 1e-3, x 0.5, n 7, units 64, kind "b" (run.mjs: syntheticObjective)."""
    lr = trial.suggest_float("lr", 1e-5, 1.0, log=True)
    x = trial.suggest_float("x", -3.0, 3.0)
    n = trial.suggest_int("n", 1, 20)
    units = trial.suggest_int("units", 8, 512, log=True)
    kind = trial.suggest_categorical("kind", ["a", "b", "c"])
    return (math.log10(lr) + 3) ** 2 + (x - 0.5) ** 2 + ((n - 7) / 5) ** 2 + (math.log2(units) - 6) ** 2 / 4 + KIND_COST[kind]


def overhead(sizes, seeds):
    rows = {name: [] for name in SAMPLERS}
    for name, sampler in SAMPLERS.items():
        for n_trials in sizes:
            for seed in seeds:
                t0 = time.perf_counter()
                study = optuna.create_study(direction="minimize", sampler=sampler(seed))
                study.optimize(synthetic, n_trials=n_trials)
                seconds = time.perf_counter() - t0
                print(f"{name} {n_trials} trials seed {seed}: {seconds:.2f}s, best {study.best_value:.5f}", file=sys.stderr)
                rows[name].append({"trials": n_trials, "seed": seed, "seconds": seconds, "best": study.best_value})
    return rows


def main():
    mode = sys.argv[1]
    if mode == "quality":
        rows = quality(sys.argv[2])
    elif mode == "overhead":
        rows = overhead([int(x) for x in sys.argv[2].split(",")], [int(x) for x in sys.argv[3].split(",")])
    else:
        raise SystemExit(f"unknown mode {mode} (quality JOBS.json | overhead SIZES SEEDS)")
    json.dump(rows, sys.stdout)


if __name__ == "__main__":
    main()
