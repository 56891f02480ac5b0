"""bench:pruners' Optuna side: replays the learning curves rungs' trials reported (and would have
reported) through Optuna 3.1's pruners in a sequential study, and says where each trial's
trial.should_prune() first turned true.

  python3 optuna_pruners.py jobs.json   (written by run.mjs; prints a JSON array to stdout)

jobs.json: [{ "name", "direction", "budget", "pruner": <rungs' pruner spec, defaults filled in>,
  "trials": [{ "curve": [value or null (NaN), … one per step 1 … budget], "failAt": step or null,
  "state": rungs' state ("complete", "pruned", "failed") }, … in trial order] }, …]

Trial n is asked after trials 0 … n − 1 are told, so its pruner sees every trial before it, as
rungs with maxConcurrent 1 does. Each trial reports steps 1, 2, … (as rungs' objective does) up to
the budget, or up to the step before failAt for a trial that throws there, and calls
should_prune() after every report; the first step it answers true is recorded, and the replay goes
on reporting (a pruned trial's values count for nobody's thresholds: only COMPLETE trials'). The
trial is then told what it was in rungs (COMPLETE with its last value, PRUNED or FAIL), so every
trial is judged against the same history on both sides: one disagreement cannot change the
trials after it (rungs completes a trial at its budget where Optuna may prune it, by design).

Output: [{ "name", "first": [first step should_prune() was true, or null, per trial] }, …].
"""
import json
import math
import sys
import warnings

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
# numpy's "All-NaN slice encountered" / "Mean of empty slice" inside the pruners: expected here.
warnings.simplefilter("ignore", RuntimeWarning)
# "PatientPruner is experimental": known.
warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)


def history_pruner(spec):
    """Optuna's MedianPruner or PercentilePruner for rungs' median / percentile spec (interval 1)."""
    kwargs = dict(
        n_startup_trials=spec["startupTrials"],
        n_warmup_steps=spec["warmupSteps"],
        interval_steps=1,
        n_min_trials=spec["minTrials"],
    )
    if spec["type"] == "median":
        return optuna.pruners.MedianPruner(**kwargs)
    return optuna.pruners.PercentilePruner(spec["percentile"], **kwargs)


def pruner_of(spec):
    if spec["type"] == "patience":
        wrapped = history_pruner(spec["wrapped"]) if spec.get("wrapped") else None
        return optuna.pruners.PatientPruner(wrapped, patience=spec["patience"], min_delta=spec["minDelta"])
    return history_pruner(spec)


def replay(job):
    study = optuna.create_study(direction=job["direction"], pruner=pruner_of(job["pruner"]))
    budget = job["budget"]
    first = []
    for t in job["trials"]:
        curve = [math.nan if v is None else float(v) for v in t["curve"]]
        reach = budget if t["failAt"] is None else t["failAt"] - 1
        trial = study.ask()
        stop = None
        for step in range(1, reach + 1):
            trial.report(curve[step - 1], step)
            if stop is None and trial.should_prune():
                stop = step
        first.append(stop)
        if t["state"] == "complete":
            study.tell(trial, curve[budget - 1])
        elif t["state"] == "pruned":
            study.tell(trial, state=optuna.trial.TrialState.PRUNED)
        else:
            study.tell(trial, state=optuna.trial.TrialState.FAIL)
    return {"name": job["name"], "first": first}


def main():
    with open(sys.argv[1]) as f:
        jobs = json.load(f)
    json.dump([replay(job) for job in jobs], sys.stdout)


if __name__ == "__main__":
    main()
