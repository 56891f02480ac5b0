"""Optuna reference for bench/multi-objective/run.mjs (not meant to be run by hand).

Usage:
  python3 optuna_reference.py quality JOBS.json      -> a JSON array of result rows on stdout
  python3 optuna_reference.py probe PROBLEMS.json    -> {name: [[f_1, ..., f_m] at each probe point]} on stdout
  python3 optuna_reference.py overhead PROBLEM.json SIZES SEEDS POPSIZE [SAMPLERS]
                                                     -> {"optuna_nsga2": [rows], "optuna_random": [rows]}
                                                        (SIZES, SEEDS: comma-separated, e.g. 500,1000 1,2,3;
                                                        SAMPLERS: comma-separated names, default
                                                        optuna_nsga2,optuna_random)

The problems come from run.mjs as descriptors ({name, kind: zdt1 | zdt2 | zdt3 | dtlz2, n, m}):
n float params x00 ... x{n-1} in [0, 1], m objectives, all minimised, evaluated by evaluate()
below as run.mjs's evaluate() does, operation for operation (`probe` lets run.mjs check that).

quality: for each job (problem, seed, trials, popsize, strategies), a study with
directions ["minimize"] * m, in-memory storage, study.optimize(n_trials=trials), per strategy:
NSGAIISampler(population_size=popsize, seed=seed) (optuna_nsga2; its other options at their
defaults: crossover_prob 0.9, swapping_prob 0.5, mutation_prob None = 1 / the params searched,
uniform crossover), RandomSampler(seed=seed) (optuna_random) and TPESampler(seed=seed) (optuna_tpe;
every option at its default, which on a study with several directions is 3.1's multi-objective TPE:
n_startup_trials 10, n_ei_candidates 24, gamma min(ceil(0.1 n), 25), univariate, no constant liar).
Each row has every complete trial's values (run.mjs computes the hypervolume with rungs'
hypervolume(), the same for both tools), Optuna's own hypervolume of them
(optuna._hypervolume.WFG, a cross-check), and the study's wall time.

overhead: the cost of deciding: the same studies on the one problem given, timed from
create_study to the end of optimize.
"""
import json
import math
import sys
import time
import warnings

import numpy as np
import optuna
from optuna._hypervolume import WFG

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)

SAMPLERS = {
    "optuna_nsga2": lambda seed, popsize: optuna.samplers.NSGAIISampler(population_size=popsize, seed=seed),
    "optuna_random": lambda seed, popsize: optuna.samplers.RandomSampler(seed=seed),
    "optuna_tpe": lambda seed, popsize: optuna.samplers.TPESampler(seed=seed),
}


def param_names(problem):
    return [f"x{i:02d}" for i in range(problem["n"])]


def evaluate(problem, params):
    """run.mjs: evaluate (the same operations in the same order)."""
    x = [params[name] for name in param_names(problem)]
    kind, n = problem["kind"], problem["n"]
    if kind in ("zdt1", "zdt2", "zdt3"):
        f1 = x[0]
        s = 0.0
        for i in range(1, n):
            s += x[i]
        g = 1 + 9 * s / (n - 1)
        r = f1 / g
        if kind == "zdt1":
            h = 1 - math.sqrt(r)
        elif kind == "zdt2":
            h = 1 - r * r
        else:
            h = 1 - math.sqrt(r) - r * math.sin(10 * math.pi * f1)
        return [f1, g * h]
    if kind == "dtlz2":
        m = problem["m"]
        g = 0.0
        for i in range(m - 1, n):
            g += (x[i] - 0.5) * (x[i] - 0.5)
        out = []
        for j in range(m):
            f = 1 + g
            for i in range(m - 1 - j):
                f *= math.cos(x[i] * math.pi / 2)
            if j > 0:
                f *= math.sin(x[m - 1 - j] * math.pi / 2)
            out.append(f)
        return out
    raise ValueError(f"unknown kind {kind}")


def objective_of(problem):
    names = param_names(problem)

    def objective(trial):
        return tuple(evaluate(problem, {name: trial.suggest_float(name, 0, 1) for name in names}))

    return objective


def study_of(problem, sampler, n_trials):
    study = optuna.create_study(directions=["minimize"] * problem["m"], sampler=sampler)
    study.optimize(objective_of(problem), n_trials=n_trials)
    return study


def optuna_hypervolume(values, reference):
    pts = np.array([v for v in values if all(a < r for a, r in zip(v, reference))], dtype=float)
    if len(pts) == 0:
        return 0.0
    return float(WFG().compute(pts, np.array(reference, dtype=float)))


def quality(jobs_file):
    with open(jobs_file) as f:
        jobs = json.load(f)
    rows = []
    for job in jobs:
        problem, seed = job["problem"], job["seed"]
        for strategy in job["strategies"]:
            t0 = time.perf_counter()
            study = study_of(problem, SAMPLERS[strategy](seed, job["popsize"]), job["trials"])
            wall = time.perf_counter() - t0
            values = [list(t.values) for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE]
            hv = optuna_hypervolume(values, problem["reference"])
            print(f"{problem['name']} seed {seed} {strategy}: hypervolume {hv:.4f}, {wall:.1f}s", file=sys.stderr)
            rows.append({"problem": problem["name"], "strategy": strategy, "seed": seed, "values": values, "optunaHv": hv, "wallMs": wall * 1000})
    return rows


def probe(problems_file):
    with open(problems_file) as f:
        problems = json.load(f)
    return {p["name"]: [evaluate(p, point) for point in p["probe"]] for p in problems}


def overhead(problem_file, sizes, seeds, popsize, samplers):
    with open(problem_file) as f:
        problem = json.load(f)
    rows = {name: [] for name in samplers}
    for name in rows:
        for n_trials in sizes:
            for seed in seeds:
                t0 = time.perf_counter()
                study_of(problem, SAMPLERS[name](seed, popsize), n_trials)
                seconds = time.perf_counter() - t0
                print(f"{name} {n_trials} trials seed {seed}: {seconds:.2f}s", file=sys.stderr)
                rows[name].append({"trials": n_trials, "seed": seed, "seconds": seconds})
    return rows


def main():
    mode = sys.argv[1]
    if mode == "quality":
        out = quality(sys.argv[2])
    elif mode == "probe":
        out = probe(sys.argv[2])
    elif mode == "overhead":
        samplers = sys.argv[6].split(",") if len(sys.argv) > 6 else ["optuna_nsga2", "optuna_random"]
        out = overhead(sys.argv[2], [int(x) for x in sys.argv[3].split(",")], [int(x) for x in sys.argv[4].split(",")], int(sys.argv[5]), samplers)
    else:
        raise SystemExit(f"unknown mode {mode} (quality JOBS.json | probe PROBLEMS.json | overhead PROBLEM.json SIZES SEEDS POPSIZE [SAMPLERS])")
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
