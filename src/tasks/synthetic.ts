/**
 * Seeded synthetic datasets, for examples, tests and benchmarks. Same spec
 * and seed ⇒ the same rows, bit for bit, on every platform (only Rng is used).
 */
import { Rng } from '../rng.js';
import { DatasetError } from '../errors.js';
import type { SyntheticKind, SyntheticSpec } from './task-spec.js';
import type { Dataset } from './dataset.js';

export type { SyntheticSpec };

export const SYNTHETIC_KINDS: readonly SyntheticKind[] = ['regression', 'classification', 'blobs', 'moons', 'spirals'];

/** Defaults per kind. moons and spirals are 2-D by construction (`features` is ignored). */
const DEFAULTS: Record<SyntheticKind, { samples: number; features: number; classes: number; noise: number }> = {
  regression: { samples: 200, features: 5, classes: 0, noise: 0.1 },
  classification: { samples: 200, features: 5, classes: 2, noise: 0.5 },
  blobs: { samples: 300, features: 2, classes: 3, noise: 1.0 },
  moons: { samples: 200, features: 2, classes: 2, noise: 0.1 },
  spirals: { samples: 300, features: 2, classes: 3, noise: 0.2 },
};

/** What a synthetic spec generates, every default filled in (two specs that resolve alike make the same rows). */
export interface ResolvedSynthetic {
  synthetic: SyntheticKind;
  samples: number;
  /** 2 for moons and spirals, whatever the spec says. */
  features: number;
  /** 2 for classification and moons, 0 for regression, whatever the spec says. */
  classes: number;
  noise: number;
  seed: number;
}

/**
 * The values makeSynthetic generates from: the kind's defaults for what `spec` leaves out, the
 * fixed dimensions of the 2-D kinds and the class counts the kind sets itself, and `seed` unless the
 * spec has its own.
 */
export function syntheticResolved(spec: SyntheticSpec, seed: number): ResolvedSynthetic {
  const kind = spec.synthetic;
  const def = DEFAULTS[kind];
  if (!def) throw new DatasetError(`unknown synthetic dataset "${String(kind)}" (allowed: ${SYNTHETIC_KINDS.join(', ')})`);
  const twoD = kind === 'moons' || kind === 'spirals';
  return {
    synthetic: kind,
    samples: spec.samples ?? def.samples,
    features: twoD ? 2 : (spec.features ?? def.features),
    classes: kind === 'classification' || kind === 'moons' ? 2 : kind === 'regression' ? 0 : (spec.classes ?? def.classes),
    noise: spec.noise ?? def.noise,
    seed: spec.seed ?? seed,
  };
}

/**
 * - regression: y = x·w + b + noise·N(0,1), x ~ N(0, I), w ~ N(0, I).
 * - classification (binary): y = [x·w + noise·N(0,1) > 0]; separable when noise is 0.
 * - blobs: `classes` Gaussian clusters (std `noise`) around centres drawn in [-5, 5]^d.
 * - moons: two interleaving half circles, Gaussian jitter `noise`.
 * - spirals: `classes` interleaved arms, angular jitter `noise`.
 * `spec.seed`, when given, wins over `seed`.
 *
 * @example makeSynthetic({ synthetic: 'moons', samples: 100 }, 7).kind // 'binary'
 */
export function makeSynthetic(spec: SyntheticSpec, seed: number): Dataset {
  const { synthetic: kind, samples: n, features: d, classes, noise, seed: dataSeed } = syntheticResolved(spec, seed);
  if (!Number.isInteger(n) || n < 2) throw new DatasetError(`synthetic ${kind}: samples must be an integer ≥ 2 (got ${n})`);
  if (!Number.isInteger(d) || d < 1) throw new DatasetError(`synthetic ${kind}: features must be a positive integer (got ${d})`);
  if (classes !== 0 && (!Number.isInteger(classes) || classes < 2))
    throw new DatasetError(`synthetic ${kind}: classes must be an integer ≥ 2 (got ${classes})`);
  if (!(noise >= 0) || !Number.isFinite(noise)) throw new DatasetError(`synthetic ${kind}: noise must be ≥ 0 (got ${noise})`);

  const rng = new Rng(dataSeed);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  switch (kind) {
    case 'regression':
    case 'classification': {
      const w = new Float64Array(d);
      for (let j = 0; j < d; j++) w[j] = rng.normal();
      const b = kind === 'regression' ? rng.normal() : 0;
      for (let i = 0; i < n; i++) {
        let s = b;
        for (let j = 0; j < d; j++) {
          const v = rng.normal();
          x[i * d + j] = v;
          s += v * w[j]!;
        }
        s += noise * rng.normal();
        y[i] = kind === 'regression' ? s : s > 0 ? 1 : 0;
      }
      break;
    }
    case 'blobs': {
      const centres = new Float64Array(classes * d);
      for (let k = 0; k < centres.length; k++) centres[k] = rng.uniform(-5, 5);
      for (let i = 0; i < n; i++) {
        const c = i % classes; // balanced classes
        y[i] = c;
        for (let j = 0; j < d; j++) x[i * d + j] = centres[c * d + j]! + noise * rng.normal();
      }
      break;
    }
    case 'moons': {
      for (let i = 0; i < n; i++) {
        const c = i % 2;
        const t = Math.PI * rng.next();
        // Upper moon centred at (0,0); lower moon flipped and shifted to (1, 0.5).
        x[i * 2] = (c === 0 ? Math.cos(t) : 1 - Math.cos(t)) + noise * rng.normal();
        x[i * 2 + 1] = (c === 0 ? Math.sin(t) : 0.5 - Math.sin(t)) + noise * rng.normal();
        y[i] = c;
      }
      break;
    }
    case 'spirals': {
      for (let i = 0; i < n; i++) {
        const c = i % classes;
        const r = rng.next(); // radius in [0,1)
        const theta = (2 * Math.PI * c) / classes + 4 * r + noise * rng.normal();
        x[i * 2] = r * Math.cos(theta);
        x[i * 2 + 1] = r * Math.sin(theta);
        y[i] = c;
      }
      break;
    }
  }
  return {
    x,
    y,
    n,
    d,
    featureNames: Array.from({ length: d }, (_, j) => `x${j}`),
    kind: classes === 0 ? 'regression' : classes === 2 ? 'binary' : 'multiclass',
    classes,
  };
}
