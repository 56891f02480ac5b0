/**
 * Seeded PRNG: xoshiro128** (Blackman & Vigna). Four uint32 words of state,
 * so it is fast in JS (32-bit integer ops only) and its state fits in a
 * checkpoint. Same seed ⇒ same stream on every platform.
 */
export class Rng {
  private s: Uint32Array;

  constructor(seed: number) {
    this.s = new Uint32Array(4);
    // Expand the seed with splitmix32 so that nearby seeds give unrelated streams.
    let x = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      this.s[i] = mix32(x);
    }
    if ((this.s[0]! | this.s[1]! | this.s[2]! | this.s[3]!) === 0) this.s[0] = 1;
  }

  /** Next uint32. */
  nextUint32(): number {
    const s = this.s;
    const s0 = s[0]!, s1 = s[1]!, s2 = s[2]!, s3 = s[3]!;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s[2] = s2 ^ s0;
    s[3] = s3 ^ s1;
    s[1] = s1 ^ s[2]!;
    s[0] = s0 ^ s[3]!;
    s[2] = s[2]! ^ t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** Uniform integer in [0, n). Rejection sampling, so there is no modulo bias. */
  int(n: number): number {
    if (!(n >= 1) || n > 0x100000000) throw new RangeError(`Rng.int: n must be in [1, 2^32], got ${n}`);
    if (n === 1) return 0;
    const limit = Math.floor(0x100000000 / n) * n;
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  /** Standard normal (Box–Muller, no cached second value so the state is only `s`). */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** In-place Fisher–Yates shuffle of `a`. */
  shuffle(a: { length: number; [i: number]: number }): void {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
  }

  /** The state, for checkpoints. */
  getState(): Uint32Array {
    return new Uint32Array(this.s);
  }

  setState(state: ArrayLike<number>): void {
    if (state.length !== 4) throw new RangeError('Rng state must have 4 words');
    for (let i = 0; i < 4; i++) this.s[i] = state[i]! >>> 0;
  }

  static fromState(state: ArrayLike<number>): Rng {
    const r = new Rng(0);
    r.setState(state);
    return r;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** splitmix32-style finaliser: a bijective avalanche of 32 bits. */
function mix32(z: number): number {
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * The seed of trial `trialNumber` in a study seeded with `studySeed`
 * (and of repeat `repeat` of it). Depends on nothing else, which is what makes
 * a study reproducible whatever the number of threads.
 */
export function deriveSeed(studySeed: number, trialNumber: number, repeat = 0): number {
  let h = mix32((studySeed >>> 0) ^ 0x2545f491);
  h = mix32((h + Math.imul(trialNumber + 1, 0x9e3779b1)) >>> 0);
  if (repeat !== 0) h = mix32((h + Math.imul(repeat, 0x632be5ab)) >>> 0);
  return h >>> 0;
}
