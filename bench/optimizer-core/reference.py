"""numpy reference for bench/optimizer-core (run by run.mjs; not meant to be run alone).

    python3 reference.py META_JSON check          # every kernel, + numpy/BLAS info
    python3 reference.py META_JSON time KERNEL    # one kernel

Reads the data written by run.mjs (little-endian Float64 .bin files described by
meta.json, loaded with np.fromfile), and per kernel:
  check: one epoch from rungs' initial params (and, for minibatches, rungs' row
         order of epoch 1); writes <kernel>_params_ref.bin and reports the losses;
  time:  warm-up epochs, then `reps` epochs with a fresh permutation each (numpy
         Generator seeded per kernel); median seconds per epoch.
Prints one JSON line on stdout.

The math is rungs' (src/tasks/linear-model.ts, mlp-model.ts, src/optimizers):
  linear: loss = mean (x.w + b - y)^2 (no 1/2), grad = 2/B X^T e, 2/B sum e
  softmax: z = X W^T + b, loss = mean(logsumexp(z) - z_t), grad = 1/B (P - onehot)^T X, column sums
  mlp:    h = relu(X W1^T + b1), z = h W2^T + b2, loss = mean(logsumexp(z) - z_t)
  sgd:    p -= lr g
  adam:   PyTorch order, p -= (lr / (1 - b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + eps)
Parameters live in one flat vector (W row-major out x in, then b, layer by layer),
with numpy views for the matrices, as in rungs.
"""
import ctypes
import json
import math
import os
import platform
import sys
import time

import numpy as np


def blas_info():
    name = 'unknown'
    try:
        cfg = np.show_config(mode='dicts')['Build Dependencies']['blas']
        name = f"{cfg.get('name')} {cfg.get('version')}"
        if cfg.get('openblas configuration'):
            name += f" ({cfg['openblas configuration'].strip()})"
    except Exception:  # noqa: BLE001 - informational only
        pass
    threads = None
    core = None
    try:  # threadpoolctl when available
        from threadpoolctl import threadpool_info

        info = [i for i in threadpool_info() if i.get('user_api') == 'blas']
        if info:
            threads = info[0].get('num_threads')
            core = info[0].get('architecture')
    except Exception:  # noqa: BLE001
        pass
    if threads is None:  # ask the loaded OpenBLAS directly
        try:
            with open('/proc/self/maps') as f:
                libs = sorted({ln.split()[-1] for ln in f if 'openblas' in ln.lower() and '.so' in ln})
            for path in libs:
                lib = ctypes.CDLL(path)
                for prefix in ('scipy_openblas_', 'openblas_', ''):
                    for suffix in ('64_', ''):
                        fn = getattr(lib, f'{prefix}get_num_threads{suffix}', None) or getattr(
                            lib, f'{prefix}openblas_get_num_threads{suffix}', None
                        )
                        if fn is not None:
                            threads = fn()
                            cn = getattr(lib, f'{prefix}get_corename{suffix}', None) or getattr(
                                lib, f'{prefix}openblas_get_corename{suffix}', None
                            )
                            if cn is not None:
                                cn.restype = ctypes.c_char_p
                                core = cn().decode()
                            break
                    if threads is not None:
                        break
                if threads is not None:
                    break
        except Exception:  # noqa: BLE001
            pass
    t = f'{threads}' if threads is not None else f'unknown (default; {os.cpu_count()} cpus)'
    if core:
        t += f', core {core}'
    return name, t


def load(meta, key, name, dtype='<f8'):
    return np.fromfile(os.path.join(meta['dir'], f'{key}_{name}.bin'), dtype=dtype)


class Linear:
    def __init__(self, d):
        self.d = d
        self.size = d + 1

    def views(self, theta):
        return theta[: self.d], theta[self.d :]

    def loss_and_grad(self, theta, grad, X, y, idx):
        w, b = theta[: self.d], theta[self.d]
        Xb = X[idx] if idx is not None else X
        yb = y[idx] if idx is not None else y
        B = Xb.shape[0]
        e = Xb @ w + b - yb
        grad[: self.d] = (2.0 / B) * (Xb.T @ e)
        grad[self.d] = (2.0 / B) * e.sum()
        return (e @ e) / B

    def mean_loss(self, theta, X, y):
        e = X @ theta[: self.d] + theta[self.d] - y
        return (e @ e) / X.shape[0]


def log_sum_exp(z):
    """Row-wise log-sum-exp of the scores z, shifted by each row's max."""
    mx = z.max(axis=1, keepdims=True)
    return mx[:, 0] + np.log(np.exp(z - mx).sum(axis=1))


def cross_entropy(z, t):
    """Mean cross-entropy of scores z (B x classes) for targets t, and dloss/dz = (softmax(z) - onehot(t)) / B."""
    B = z.shape[0]
    lse = log_sum_exp(z)
    rows = np.arange(B)
    loss = (lse - z[rows, t]).sum() / B
    P = np.exp(z - lse[:, None])
    P[rows, t] -= 1.0
    P /= B
    return loss, P


def mean_cross_entropy(z, t):
    return (log_sum_exp(z) - z[np.arange(z.shape[0]), t]).sum() / z.shape[0]


class Softmax:
    """Softmax regression: W (classes x d) then b (classes), cross-entropy."""

    def __init__(self, d, classes):
        self.d, self.c = d, classes
        self.size = classes * d + classes

    def views(self, v):
        return v[: self.c * self.d].reshape(self.c, self.d), v[self.c * self.d :]

    def bind(self, theta, grad):
        self.W, self.b = self.views(theta)
        self.gW, self.gb = self.views(grad)

    def loss_and_grad(self, theta, grad, X, y, idx):
        Xb = X[idx]
        z = Xb @ self.W.T
        z += self.b
        loss, P = cross_entropy(z, y[idx])
        self.gW[...] = P.T @ Xb
        self.gb[...] = P.sum(axis=0)
        return loss

    def mean_loss(self, theta, X, y):
        W, b = self.views(theta)
        return mean_cross_entropy(X @ W.T + b, y)


class Mlp:
    """One hidden ReLU layer, softmax output, cross-entropy."""

    def __init__(self, d, hidden, classes):
        self.d, self.h, self.c = d, hidden, classes
        self.o_w1 = 0
        self.o_b1 = hidden * d
        self.o_w2 = self.o_b1 + hidden
        self.o_b2 = self.o_w2 + classes * hidden
        self.size = self.o_b2 + classes

    def views(self, v):
        return (
            v[self.o_w1 : self.o_b1].reshape(self.h, self.d),
            v[self.o_b1 : self.o_w2],
            v[self.o_w2 : self.o_b2].reshape(self.c, self.h),
            v[self.o_b2 :],
        )

    def bind(self, theta, grad):
        self.W1, self.b1, self.W2, self.b2 = self.views(theta)
        self.gW1, self.gb1, self.gW2, self.gb2 = self.views(grad)

    def loss_and_grad(self, theta, grad, X, y, idx):
        Xb = X[idx]
        h = Xb @ self.W1.T
        h += self.b1
        np.maximum(h, 0.0, out=h)
        z = h @ self.W2.T
        z += self.b2
        loss, P = cross_entropy(z, y[idx])
        self.gW2[...] = P.T @ h
        self.gb2[...] = P.sum(axis=0)
        dh = P @ self.W2
        dh *= h > 0
        self.gW1[...] = dh.T @ Xb
        self.gb1[...] = dh.sum(axis=0)
        return loss

    def mean_loss(self, theta, X, y):
        W1, b1, W2, b2 = self.views(theta)
        h = np.maximum(X @ W1.T + b1, 0.0)
        return mean_cross_entropy(h @ W2.T + b2, y)


class Trainer:
    def __init__(self, k, model, X, y, theta0):
        self.k, self.model, self.X, self.y = k, model, X, y
        self.n = X.shape[0]
        self.theta = theta0.copy()
        self.grad = np.zeros_like(self.theta)
        if isinstance(model, (Mlp, Softmax)):
            model.bind(self.theta, self.grad)
        self.adam = k['optimizer'] == 'adam'
        self.m = np.zeros_like(self.theta)
        self.v = np.zeros_like(self.theta)
        self.t = 0
        self.rng = np.random.default_rng(k['seed'])

    def epoch(self, order=None):
        k, model, X, y = self.k, self.model, self.X, self.y
        theta, grad, m, v = self.theta, self.grad, self.m, self.v
        n, B, lr = self.n, k['batch'], k['lr']
        b1, b2, eps = k['beta1'], k['beta2'], k['epsilon']
        if k['full']:
            batches = [None]
        else:
            perm = order if order is not None else self.rng.permutation(n)
            batches = [perm[s : s + B] for s in range(0, n, B)]
        loss_sum = 0.0
        for idx in batches:
            rows = n if idx is None else idx.shape[0]
            loss = model.loss_and_grad(theta, grad, X, y, idx)
            loss_sum += loss * rows
            if self.adam:
                self.t += 1
                m *= b1
                m += (1 - b1) * grad
                v *= b2
                v += (1 - b2) * grad * grad
                step = lr / (1 - b1**self.t)
                bc2 = math.sqrt(1 - b2**self.t)
                theta -= step * m / (np.sqrt(v) / bc2 + eps)
            else:
                theta -= lr * grad
        return loss_sum / n


def main():
    meta_path, mode = sys.argv[1], sys.argv[2]
    only = sys.argv[3] if len(sys.argv) > 3 else None
    with open(meta_path) as f:
        meta = json.load(f)
    kernels = [k for k in meta['kernels'] if only is None or k['name'] == only]
    data = {}
    for key, info in meta['datasets'].items():
        if not any(k['data'] == key for k in kernels):
            continue
        X = load(meta, key, 'x').reshape(info['n'], info['d'])
        y = load(meta, key, 'y')
        if info['classes'] > 0:
            y = y.astype(np.intp)
        data[key] = (X, y, info)
    out = {'check': {}, 'time': {}}
    if mode == 'check':
        out['numpy'], out['python'] = np.__version__, platform.python_version()
        out['blas'], out['threads'] = blas_info()
    for k in kernels:
        X, y, info = data[k['data']]
        if k['model'] == 'linear':
            model = Linear(info['d'])
        elif k['model'] == 'softmax':
            model = Softmax(info['d'], info['classes'])
        else:
            model = Mlp(info['d'], k['hidden'][0], info['classes'])
        theta0 = load(meta, k['name'], 'init')
        assert theta0.shape[0] == model.size, (k['name'], theta0.shape, model.size)
        if mode == 'check':
            # one epoch from rungs' init, in rungs' row order of epoch 1
            tr = Trainer(k, model, X, y, theta0)
            order = None if k['full'] else load(meta, k['name'], 'order', '<u4').astype(np.intp)
            epoch_loss = tr.epoch(order)
            tr.theta.tofile(os.path.join(meta['dir'], f"{k['name']}_params_ref.bin"))
            out['check'][k['name']] = {
                'epochLoss': float(epoch_loss),
                'lossAfter': float(model.mean_loss(tr.theta, X, y)),
            }
        else:
            tr = Trainer(k, model, X, y, theta0)
            for _ in range(k['warmup']):
                tr.epoch()
            secs = []
            for _ in range(k['reps']):
                t0 = time.perf_counter()
                tr.epoch()
                secs.append(time.perf_counter() - t0)
            out['time'][k['name']] = float(np.median(secs))
    print(json.dumps(out))


if __name__ == '__main__':
    main()
