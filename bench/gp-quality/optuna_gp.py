"""Optuna reference for bench/gp-quality/run.mjs (not meant to be run by hand).

Usage:
  python3 optuna_gp.py probe FUNCTIONS.json        -> {name: [f(point) for each probe point]} on stdout
  python3 optuna_gp.py quality JOBS.json           -> a JSON array of result rows on stdout
  python3 optuna_gp.py overhead FUNCTIONS.json SIZES SEEDS
                                                   -> {"optuna_tpe": [rows], "optuna_random": [rows]}
                                                      (SIZES, SEEDS: comma-separated, e.g. 50,100,200 1,2,3)

Optuna 3.1 has no GPSampler (it came in Optuna 3.6), so this is the reference around rungs' gp:
TPESampler(seed=seed) with its defaults (optuna_tpe), TPESampler(seed=seed, multivariate=True)
(optuna_tpe_mv), CmaEsSampler(seed=seed) (optuna_cmaes) and RandomSampler(seed=seed)
(optuna_random). Everything else is bench:cmaes's reference (../cmaes-quality/optuna_cmaes.py,
imported, not copied): the functions' descriptors and evaluate(), probe, quality (a sequential
study of fn["trials"] trials per job and strategy, in-memory storage; rows with best and every
trial's value in trial order) and overhead (here with TPESampler and RandomSampler).
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cmaes-quality"))
import optuna  # noqa: E402
import optuna_cmaes  # noqa: E402  (bench:cmaes's reference: functions, studies, timings)

optuna_cmaes.SAMPLERS["optuna_tpe_mv"] = lambda seed: optuna.samplers.TPESampler(seed=seed, multivariate=True)


def main():
    mode = sys.argv[1]
    if mode == "quality":
        out = optuna_cmaes.quality(sys.argv[2])
    elif mode == "probe":
        out = optuna_cmaes.probe(sys.argv[2])
    elif mode == "overhead":
        sizes = [int(x) for x in sys.argv[3].split(",")]
        seeds = [int(x) for x in sys.argv[4].split(",")]
        out = optuna_cmaes.overhead(sys.argv[2], sizes, seeds, ("optuna_tpe", "optuna_random"))
    else:
        raise SystemExit(f"unknown mode {mode} (quality JOBS.json | probe FUNCTIONS.json | overhead FUNCTIONS.json SIZES SEEDS)")
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
