"""Optuna reference for bench/cmaes-quality/run.mjs (not meant to be run by hand).

Usage:
  python3 optuna_cmaes.py quality JOBS.json        -> a JSON array of result rows on stdout
  python3 optuna_cmaes.py probe FUNCTIONS.json     -> {name: [f(point) for each probe point]} on stdout
  python3 optuna_cmaes.py digits JOBS.json         -> a JSON array of result rows on stdout (bench:tpe's
                                                      quality rows, strategy "optuna_cmaes")
  python3 optuna_cmaes.py overhead FUNCTIONS.json SIZES SEEDS
                                                   -> {"optuna_cmaes": [rows], "optuna_random": [rows]}
                                                      (SIZES, SEEDS: comma-separated, e.g. 300,1000 1,2,3)

bench/gp-quality/optuna_gp.py imports this file (evaluate, SAMPLERS, quality, probe, overhead).

The functions come from run.mjs as descriptors (functions.mjs; FUNCTIONS.json, or each job's
`fn`): params (name, type float|int, low, high, log; or type categorical, choices, offsets), and
evaluate() below computes, as functions.mjs's evaluate() does, operation for operation, over the
numeric params: u_i = log10(p_i) for a log param, else p_i; z_i = (u_i - center_i) / scale_i;
z = R z when there is a rotation R; then sphere sum z_i^2, ellipsoid sum w_i z_i^2 (weights
given), or rosenbrock sum 100 (z_{i+1} - z_i^2)^2 + (1 - z_i)^2; plus, for each categorical
param, offsets[index of its choice]. `probe` evaluates the descriptors' probe points so run.mjs
can check both sides compute the same numbers.

quality: for each job (fn, seed, strategies), a study of fn["trials"] trials, minimize, in-memory
storage, per strategy: CmaEsSampler(seed=seed) (optuna_cmaes; its defaults: n_startup_trials 1,
sigma0 min(range)/6 on the transformed (log, half-step-widened) box, popsize 4 + floor(3 ln d)),
TPESampler(seed=seed) (optuna_tpe, defaults) and RandomSampler(seed=seed) (optuna_random).
best = study.best_value; each row also has every trial's value in trial order (`values`).

digits: bench:tpe's quality mode (bench/tpe-quality/optuna_tpe.py, bench:search's numpy trainer,
imported, not copied) with one more study, "optuna_cmaes": CmaEsSampler(seed=seed), no pruner;
its categorical params come from its independent sampler, RandomSampler(seed=seed).

overhead: the cost of deciding. CmaEsSampler(seed) and RandomSampler(seed) (or the samplers
given) on the one function in FUNCTIONS.json (run.mjs: sphere10), in-memory storage,
study.optimize(n_trials=N), timed from create_study to the end of optimize.
"""
import json
import math
import os
import sys
import time
import warnings

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)

SAMPLERS = {
    "optuna_cmaes": lambda seed: optuna.samplers.CmaEsSampler(seed=seed),
    "optuna_tpe": lambda seed: optuna.samplers.TPESampler(seed=seed),
    "optuna_random": lambda seed: optuna.samplers.RandomSampler(seed=seed),
}


def evaluate(fn, params):
    """run.mjs: evaluate (the same operations in the same order)."""
    numeric = [p for p in fn["params"] if p["type"] != "categorical"]
    d = len(numeric)
    z = []
    for i, p in enumerate(numeric):
        v = params[p["name"]]
        u = math.log10(v) if p.get("log") else float(v)
        z.append((u - fn["center"][i]) / fn["scale"][i])
    rot = fn.get("rotation")
    if rot is not None:
        rz = []
        for i in range(d):
            s = 0.0
            for j in range(d):
                s += rot[i][j] * z[j]
            rz.append(s)
        z = rz
    total = 0.0
    if fn["kind"] == "sphere":
        for v in z:
            total += v * v
    elif fn["kind"] == "ellipsoid":
        for i in range(d):
            total += fn["weights"][i] * z[i] * z[i]
    elif fn["kind"] == "rosenbrock":
        for i in range(d - 1):
            a = z[i + 1] - z[i] * z[i]
            b = 1 - z[i]
            total += 100 * a * a + b * b
    else:
        raise ValueError(f"unknown kind {fn['kind']}")
    for p in fn["params"]:
        if p["type"] == "categorical":
            total += p["offsets"][p["choices"].index(params[p["name"]])]
    return total


def objective_of(fn):
    def objective(trial):
        params = {}
        for p in fn["params"]:
            if p["type"] == "categorical":
                params[p["name"]] = trial.suggest_categorical(p["name"], p["choices"])
            elif p["type"] == "int":
                params[p["name"]] = trial.suggest_int(p["name"], p["low"], p["high"], log=bool(p.get("log")))
            else:
                params[p["name"]] = trial.suggest_float(p["name"], p["low"], p["high"], log=bool(p.get("log")))
        return evaluate(fn, params)

    return objective


def study_of(fn, sampler):
    study = optuna.create_study(direction="minimize", sampler=sampler)
    study.optimize(objective_of(fn), n_trials=fn["trials"])
    return study


def quality(jobs_file):
    with open(jobs_file) as f:
        jobs = json.load(f)
    rows = []
    for job in jobs:
        fn, seed = job["fn"], job["seed"]
        for strategy in job["strategies"]:
            t0 = time.perf_counter()
            study = study_of(fn, SAMPLERS[strategy](seed))
            wall = time.perf_counter() - t0
            values = [t.value for t in study.trials]
            row = {"fn": fn["name"], "strategy": strategy, "seed": seed, "bestLoss": study.best_value, "trials": len(study.trials), "wallMs": wall * 1000, "values": values}
            print(f"{fn['name']} seed {seed} {strategy}: best {row['bestLoss']:.4g}, {wall:.1f}s", file=sys.stderr)
            rows.append(row)
    return rows


def probe(functions_file):
    with open(functions_file) as f:
        functions = json.load(f)
    return {fn["name"]: [evaluate(fn, point) for point in fn["probe"]] for fn in functions}


def overhead(functions_file, sizes, seeds, samplers=("optuna_cmaes", "optuna_random")):
    with open(functions_file) as f:
        (fn,) = json.load(f)
    rows = {name: [] for name in samplers}
    for name in rows:
        for n_trials in sizes:
            for seed in seeds:
                t0 = time.perf_counter()
                study = study_of({**fn, "trials": n_trials}, SAMPLERS[name](seed))
                seconds = time.perf_counter() - t0
                print(f"{name} {n_trials} trials seed {seed}: {seconds:.2f}s, best {study.best_value:.5g}", file=sys.stderr)
                rows[name].append({"trials": n_trials, "seed": seed, "seconds": seconds, "best": study.best_value})
    return rows


def digits(jobs_file):
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tpe-quality"))
    import optuna_tpe  # noqa: E402  (bench:tpe's reference and, through it, bench:search's trainer)

    optuna_tpe.QUALITY["optuna_cmaes"] = (SAMPLERS["optuna_cmaes"], optuna.pruners.NopPruner)
    return optuna_tpe.quality(jobs_file)


def main():
    mode = sys.argv[1]
    if mode == "quality":
        out = quality(sys.argv[2])
    elif mode == "digits":
        out = digits(sys.argv[2])
    elif mode == "probe":
        out = probe(sys.argv[2])
    elif mode == "overhead":
        out = overhead(sys.argv[2], [int(x) for x in sys.argv[3].split(",")], [int(x) for x in sys.argv[4].split(",")])
    else:
        raise SystemExit(f"unknown mode {mode} (quality JOBS.json | digits JOBS.json | probe FUNCTIONS.json | overhead FUNCTIONS.json SIZES SEEDS)")
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
