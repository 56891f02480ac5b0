"""Optuna reference for bench/search-quality/run.mjs (not meant to be run by hand).

Usage: python3 optuna_reference.py JOBS.json  ->  a JSON array of result rows on stdout.

JOBS.json is written by run.mjs: one entry per (task, seed) with the exported split
(little-endian float64 .bin files of rungs' own standardised train/val split), the search
space in rungs' format, minBudget/maxBudget/eta, and the epoch cap of each Optuna run
(the epochs rungs' sha / hyperband trained on that seed).

For each entry, four studies (and a fifth, below): RandomSampler(seed) with
SuccessiveHalvingPruner and with HyperbandPruner (optuna_sha, optuna_hyperband: Optuna draws its
own configurations), and the same two pruners fed rungs' own configurations in rungs' order
(optuna_sha_same, optuna_hyperband_same: trial n gets the params of rungs' trial n, queued with
study.enqueue_trial, so the only difference left is the halving algorithm and the weight
initialisation). The fifth, optuna_tpe_sha (not a target): TPESampler(seed=seed) with its
defaults (10 random startup trials, then TPE over every trial so far, pruned ones ranked by their
last reported epoch) with optuna_sha's pruner and epoch cap. Each trial trains an MLP (one hidden
ReLU layer of `hiddenUnits`, softmax cross-entropy) in numpy with rungs' conventions:
  - init: hidden W ~ N(0, 2/fan_in) (He), output W ~ N(0, 2/(fan_in+fan_out)) (Xavier), b = 0;
  - minibatches of `batchSize` rows of a fresh permutation each epoch, the last one shorter;
    batchSize >= n_train means full batch; gradients are batch means;
  - adam: g += wd*p, bias-corrected Adam (β 0.9/0.999, ε 1e-8, PyTorch order);
    adamw: p *= 1 - lr*wd, then Adam on the raw gradient;
    momentum: g += wd*p, v = 0.9 v + g, p -= lr v (PyTorch heavy ball);
    (Optimizer also has rungs' sgd, nesterov and rmsprop and takes momentum, the betas and rho,
    for bench:conditional; this benchmark's space uses the three above with their defaults);
  - weight decay applies to every parameter (biases too), as in rungs;
  - val_loss = mean cross-entropy on the validation rows, reported every epoch;
    trial.should_prune() is asked after epochs 1..maxBudget-1 (a trial that reaches
    maxBudget completes); a non-finite loss makes the trial fail (rungs: failed/diverged).
The study stops starting trials once its epochs (Σ epochs each trial actually ran) reach
the cap; the trial running then finishes.
"""
import json
import math
import sys
import time

import numpy as np
import optuna

# ERROR: a diverged trial (caught, state FAIL) would otherwise print a traceback as a warning.
optuna.logging.set_verbosity(optuna.logging.ERROR)


def load(prefix, n_train, n_val, d):
    def f(suffix):
        return np.fromfile(f"{prefix}-{suffix}.bin", dtype="<f8")

    x_train = f("xtrain").reshape(n_train, d)
    y_train = f("ytrain").astype(np.int64)
    x_val = f("xval").reshape(n_val, d)
    y_val = f("yval").astype(np.int64)
    return x_train, y_train, x_val, y_val


def suggest(trial, space):
    params = {}
    for name in sorted(space):
        spec = space[name]
        if spec["type"] == "categorical":
            params[name] = trial.suggest_categorical(name, spec["choices"])
        elif spec["type"] == "int":
            params[name] = trial.suggest_int(name, spec["low"], spec["high"], log=bool(spec.get("log", False)))
        else:
            params[name] = trial.suggest_float(name, spec["low"], spec["high"], log=bool(spec.get("log", False)))
    return params


class Diverged(Exception):
    pass


class Mlp:
    def __init__(self, d, hidden, classes, rng):
        self.p = [
            rng.normal(0.0, math.sqrt(2.0 / d), size=(hidden, d)),
            np.zeros(hidden),
            rng.normal(0.0, math.sqrt(2.0 / (hidden + classes)), size=(classes, hidden)),
            np.zeros(classes),
        ]

    def logits(self, x):
        w1, b1, w2, b2 = self.p
        h = np.maximum(x @ w1.T + b1, 0.0)
        return h, h @ w2.T + b2

    @staticmethod
    def ce(z, y):
        m = z.max(axis=1, keepdims=True)
        lse = (m + np.log(np.exp(z - m).sum(axis=1, keepdims=True)))[:, 0]
        return lse - z[np.arange(len(y)), y], z - lse[:, None]

    def loss_and_grad(self, x, y):
        w1, b1, w2, b2 = self.p
        h, z = self.logits(x)
        losses, logp = self.ce(z, y)
        bsz = len(y)
        dz = np.exp(logp)
        dz[np.arange(bsz), y] -= 1.0
        dz /= bsz
        gw2 = dz.T @ h
        gb2 = dz.sum(axis=0)
        dh = (dz @ w2) * (h > 0)
        gw1 = dh.T @ x
        gb1 = dh.sum(axis=0)
        return losses.mean(), [gw1, gb1, gw2, gb2]

    def val_loss(self, x, y):
        _, z = self.logits(x)
        return float(self.ce(z, y)[0].mean())


class Optimizer:
    """rungs' update rules (src/optimizers), weight decay as L2 in the gradient except adamw's
    decoupled one. The defaults are rungs' (DEFAULT_TRAIN_PARAMS): momentum 0.9, beta1 0.9,
    beta2 0.999, rho 0.9, epsilon 1e-8."""

    def __init__(self, name, params, lr, wd, momentum=0.9, beta1=0.9, beta2=0.999, rho=0.9):
        if name not in ("sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw"):
            raise ValueError(f"unknown optimizer {name}")
        self.name, self.lr, self.wd = name, lr, wd
        self.mu, self.b1, self.b2, self.rho = momentum, beta1, beta2, rho
        self.t = 0
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]

    def step(self, params, grads):
        lr, wd = self.lr, self.wd
        self.t += 1
        if self.name == "sgd":
            for p, g in zip(params, grads):
                p -= lr * (g + wd * p)
            return
        if self.name in ("momentum", "nesterov"):
            for p, g, v in zip(params, grads, self.m):
                g = g + wd * p
                v *= self.mu
                v += g
                if self.name == "nesterov":
                    p -= lr * (g + self.mu * v)
                else:
                    p -= lr * v
            return
        eps = 1e-8
        if self.name == "rmsprop":
            rho = self.rho
            for p, g, s in zip(params, grads, self.v):
                g = g + wd * p
                s *= rho
                s += (1 - rho) * g * g
                p -= lr * g / (np.sqrt(s) + eps)
            return
        b1, b2 = self.b1, self.b2
        step_size = lr / (1 - b1**self.t)
        bc2 = math.sqrt(1 - b2**self.t)
        for p, g, m, v in zip(params, grads, self.m, self.v):
            if self.name == "adamw":
                p *= 1 - lr * wd
            else:
                g = g + wd * p
            m *= b1
            m += (1 - b1) * g
            v *= b2
            v += (1 - b2) * g * g
            p -= step_size * m / (np.sqrt(v) / bc2 + eps)


def train(data, classes, hp, hidden, rng, max_budget, trial, counter):
    """Trains the MLP (`hidden` units) with hp's optimizer, lr and batchSize, and the optimizer's
    own settings hp has (momentum, beta1, beta2, rho, weightDecay; absent: rungs' defaults, no
    weight decay) for max_budget epochs; reports val_loss to `trial` every epoch and returns the
    last. Raises Diverged on a non-finite loss, optuna.TrialPruned when the trial's pruner says so."""
    x_train, y_train, x_val, y_val = data
    n = len(y_train)
    model = Mlp(x_train.shape[1], hidden, classes, rng)
    extra = {k: hp[k] for k in ("momentum", "beta1", "beta2", "rho") if k in hp}
    opt = Optimizer(hp["optimizer"], model.p, hp["lr"], hp.get("weightDecay", 0.0), **extra)
    bs = int(hp["batchSize"])
    if bs <= 0 or bs >= n:
        bs = n
    val = math.inf
    with np.errstate(all="ignore"):
        for epoch in range(1, max_budget + 1):
            order = rng.permutation(n) if bs < n else np.arange(n)
            for start in range(0, n, bs):
                idx = order[start : start + bs]
                loss, grads = model.loss_and_grad(x_train[idx], y_train[idx])
                if not math.isfinite(loss):
                    counter["epochs"] += 1
                    raise Diverged()
                opt.step(model.p, grads)
            val = model.val_loss(x_val, y_val)
            counter["epochs"] += 1
            if not math.isfinite(val):
                raise Diverged()
            trial.report(val, epoch)
            if epoch < max_budget and trial.should_prune():
                raise optuna.TrialPruned()
    return val


def make_objective(data, job, counter):
    classes = job["data"]["classes"]
    max_budget = job["maxBudget"]

    def objective(trial):
        hp = suggest(trial, job["space"])
        rng = np.random.default_rng([job["seed"], trial.number])
        return train(data, classes, hp, int(hp["hiddenUnits"]), rng, max_budget, trial, counter)

    return objective


def run_one(job, data, strategy):
    seed = job["seed"]
    same = strategy.endswith("_same")
    if strategy in ("optuna_sha", "optuna_sha_same", "optuna_tpe_sha"):
        pruner = optuna.pruners.SuccessiveHalvingPruner(
            min_resource=job["minBudget"], reduction_factor=job["eta"], min_early_stopping_rate=0
        )
    else:
        pruner = optuna.pruners.HyperbandPruner(
            min_resource=job["minBudget"], max_resource=job["maxBudget"], reduction_factor=job["eta"]
        )
    # A fixed study name: HyperbandPruner assigns trials to brackets by a hash of the study name
    # and the trial number, and Optuna's default name is a random UUID (not reproducible).
    study = optuna.create_study(
        study_name=f"{job['task']}-{strategy}-s{seed}",
        direction="minimize",
        sampler=optuna.samplers.TPESampler(seed=seed) if strategy == "optuna_tpe_sha" else optuna.samplers.RandomSampler(seed=seed),
        pruner=pruner,
    )
    if same:
        # Optuna pops enqueued trials first-in first-out, so trial n gets rungs' trial n's params.
        for params in job["trialParams"]:
            study.enqueue_trial(params)
    counter = {"epochs": 0}
    cap = job["epochCaps"][strategy]

    def stop_at_cap(study, _trial):
        if counter["epochs"] >= cap:
            study.stop()

    t0 = time.perf_counter()
    study.optimize(
        make_objective(data, job, counter), n_trials=100000, callbacks=[stop_at_cap], catch=(Diverged,)
    )
    wall = time.perf_counter() - t0
    ran = [t for t in study.trials if t.state != optuna.trial.TrialState.WAITING]
    if same and len(ran) >= len(job["trialParams"]):
        raise RuntimeError(f"{strategy}: ran out of rungs' configurations ({len(job['trialParams'])}); raise TRIAL_PARAMS in run.mjs")
    states = [t.state for t in ran]
    complete = [t for t in ran if t.state == optuna.trial.TrialState.COMPLETE]
    best = min((t.value for t in complete), default=math.nan)
    return {
        "task": job["task"],
        "strategy": strategy,
        "seed": seed,
        "bestLoss": best,
        "epochs": counter["epochs"],
        "trials": len(ran),
        "complete": len(complete),
        "pruned": sum(s == optuna.trial.TrialState.PRUNED for s in states),
        "failed": sum(s == optuna.trial.TrialState.FAIL for s in states),
        "wallMs": wall * 1000,
    }


def main():
    with open(sys.argv[1]) as f:
        jobs = json.load(f)
    rows = []
    for job in jobs:
        d = job["data"]
        data = load(d["prefix"], d["nTrain"], d["nVal"], d["d"])
        # optuna_tpe_sha last: the other four run exactly as before it was added.
        for strategy in ("optuna_sha", "optuna_hyperband", "optuna_sha_same", "optuna_hyperband_same", "optuna_tpe_sha"):
            row = run_one(job, data, strategy)
            print(
                f"{job['task']} seed {job['seed']} {strategy}: best {row['bestLoss']:.4f}, "
                f"{row['epochs']} epochs (cap {job['epochCaps'][strategy]}), {row['trials']} trials "
                f"({row['complete']} trained to the full budget), "
                f"{row['wallMs'] / 1000:.1f}s",
                file=sys.stderr,
            )
            rows.append(row)
    json.dump(rows, sys.stdout)


if __name__ == "__main__":
    main()
