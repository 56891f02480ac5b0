"""Optuna reference for bench/framework-overhead: the same trivial objective
(objective.mjs: (x - 0.3)^2 + (y + 1)^2, x and y uniform in [-5, 5]) with
Optuna's RandomSampler and RDB storage on a SQLite file, timed end to end.
With --asha, asha-objective.mjs's: that value plus 1/step, reported at steps
1..27, under Optuna's SuccessiveHalvingPruner (its ASHA: min_resource 1,
reduction_factor 3), pruned where it says so.

usage: optuna_reference.py --db FILE --trials N [--window W] [--seed S] [--n-jobs J] [--asha]

Prints one JSON object on stdout:
  {"optuna": "<version>", "trials": N, "seconds": s, "trials_per_s": r,
   "window": W, "windows_s": [seconds of trials 1..W, W+1..2W, ...], "best": v}
"""
import argparse
import json
import logging
import time

import optuna


def objective(trial):
    x = trial.suggest_float("x", -5.0, 5.0)
    y = trial.suggest_float("y", -5.0, 5.0)
    dx = x - 0.3
    dy = y + 1.0
    return dx * dx + dy * dy


MAX_STEP = 27


def asha_objective(trial):
    x = trial.suggest_float("x", -5.0, 5.0)
    y = trial.suggest_float("y", -5.0, 5.0)
    dx = x - 0.3
    dy = y + 1.0
    base = dx * dx + dy * dy
    value = base + 1.0
    for step in range(1, MAX_STEP + 1):
        value = base + 1.0 / step
        trial.report(value, step)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return value


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--trials", type=int, default=1000)
    ap.add_argument("--window", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--n-jobs", type=int, default=1)
    ap.add_argument("--asha", action="store_true")
    args = ap.parse_args()

    optuna.logging.set_verbosity(logging.WARNING)
    storage = optuna.storages.RDBStorage(f"sqlite:///{args.db}")
    study = optuna.create_study(
        study_name="overhead",
        storage=storage,
        direction="minimize",
        sampler=optuna.samplers.RandomSampler(seed=args.seed),
        pruner=optuna.pruners.SuccessiveHalvingPruner(min_resource=1, reduction_factor=3) if args.asha else optuna.pruners.NopPruner(),
    )
    stamps = []

    def on_trial(_study, _trial):
        stamps.append(time.perf_counter())

    t0 = time.perf_counter()
    study.optimize(asha_objective if args.asha else objective, n_trials=args.trials, n_jobs=args.n_jobs, callbacks=[on_trial])
    seconds = time.perf_counter() - t0

    windows = []
    prev = t0
    for end in range(args.window, len(stamps) + 1, args.window):
        windows.append(stamps[end - 1] - prev)
        prev = stamps[end - 1]
    print(json.dumps({
        "optuna": optuna.__version__,
        "trials": len(stamps),
        "seconds": seconds,
        "trials_per_s": len(stamps) / seconds,
        "window": args.window,
        "windows_s": windows,
        "best": study.best_value,
    }))


if __name__ == "__main__":
    main()
