/**
 * Repeats: each configuration runs as k trials with the same params and k
 * different seeds (trial numbers c·k … c·k+k−1 for configuration c). The
 * wrapped strategy decides on configurations: it sees one view per
 * configuration whose rung values are the means over its repeats, and which
 * is in flight until every repeat has finished. Its decisions are fanned out
 * to the repeats one job at a time, so a configuration's repeats run in
 * parallel on the pool.
 */
import type { GpDraw } from './gp-draw.js';
import type { Params } from './space.js';
import type { Decision, PlanBracket, Strategy, StudyView, TrialState, TrialView } from './strategy.js';
import { isInFlight } from './trial-queries.js';

export class WithRepeats implements Strategy {
  readonly name: string;
  readonly maxBudget: number;
  readonly totalTrials: number | undefined;
  readonly warmStart: boolean | undefined;
  readonly needsCheckpoints: boolean | undefined;
  readonly parallelism: { jobs: number; option: string } | undefined;
  readonly concurrency: number | undefined;
  readonly concurrencyFrom: number | undefined;
  readonly concurrencyOption: string | undefined;
  /** The inner strategy's slow draws (the GP), on the view it decides on: made outside the claim as without repeats. */
  readonly ready?: (study: StudyView) => boolean;
  readonly pendingDraw?: (study: StudyView) => GpDraw | undefined;
  readonly remember?: (draw: GpDraw, params: Params) => void;
  readonly waitsFor?: (number: number) => number;

  constructor(
    private readonly inner: Strategy,
    readonly repeats: number,
  ) {
    if (!(Number.isInteger(repeats) && repeats >= 1)) throw new RangeError(`repeats must be an integer ≥ 1 (got ${repeats})`);
    this.name = inner.name;
    this.maxBudget = inner.maxBudget;
    this.warmStart = inner.warmStart;
    this.needsCheckpoints = inner.needsCheckpoints;
    this.parallelism = inner.parallelism ? { jobs: inner.parallelism.jobs * repeats, option: inner.parallelism.option } : undefined;
    this.concurrency = inner.concurrency === undefined ? undefined : inner.concurrency * repeats;
    this.concurrencyFrom = inner.concurrencyFrom === undefined ? undefined : inner.concurrencyFrom * repeats;
    this.concurrencyOption = inner.concurrencyOption;
    this.totalTrials = inner.totalTrials === undefined ? undefined : inner.totalTrials * repeats;
    // Defined only where the inner strategy has them: the run loop and the claim look for them.
    if (inner.ready) this.ready = (study) => this.fanOut(study.trials) !== undefined || inner.ready!(this.configurations(study));
    if (inner.pendingDraw) this.pendingDraw = (study) => (this.fanOut(study.trials) ? undefined : inner.pendingDraw!(this.configurations(study)));
    if (inner.remember) this.remember = (draw, params) => inner.remember!(draw, params);
    // Trial n is a repeat of configuration ⌊n/k⌋: it waits for the last repeat of the last configuration that one waits for.
    if (inner.waitsFor) this.waitsFor = (n) => (inner.waitsFor!(Math.floor(n / repeats)) + 1) * repeats - 1;
  }

  next(study: StudyView): Decision {
    const fan = this.fanOut(study.trials);
    if (fan) return fan;
    const d = this.inner.next(this.configurations(study));
    if (d.kind === 'start' && d.fork) return { ...d, number: d.number * this.repeats, fork: { from: donorRepeat(study.trials, d.fork.from, 0, this.repeats), budget: d.fork.budget } };
    if (d.kind === 'promote') {
      // The configuration goes on in its repeats that did not fail (fanOut brings the others up): one of them, not a failed one.
      const k = this.repeats;
      const first = study.trials.slice(d.number * k, d.number * k + k).find((t) => t.state !== 'failed');
      return { ...d, number: first?.number ?? d.number * k };
    }
    return d.kind === 'start' ? { ...d, number: d.number * this.repeats } : d;
  }

  /**
   * What the inner strategy decides on: one view per configuration (configurationViews). A configuration
   * whose repeats are the rows of last time keeps its view, so the inner strategy sees which changed
   * (RungRankings compares rows by identity).
   */
  private configurations(study: StudyView): StudyView {
    const k = this.repeats;
    const trials = study.trials;
    const out: TrialView[] = [];
    for (let c = 0; c * k < trials.length; c++) {
      const group = trials.slice(c * k, c * k + k);
      const last = this.views[c];
      if (last && last.group.length === group.length && last.group.every((t, j) => t === group[j])) out.push(last.view);
      else out.push((this.views[c] = { group, view: configurationView(group, c, k) }).view);
    }
    return { trials: out };
  }

  /** Each configuration's view as last made, with the repeats it was made from. */
  private readonly views: { group: readonly TrialView[]; view: TrialView }[] = [];

  /** A repeat still to start or to bring up to its configuration's budget, before the inner strategy decides again. */
  private fanOut(trials: readonly TrialView[]): Decision | undefined {
    const k = this.repeats;
    for (let c = 0; c * k < trials.length; c++) {
      const group = trials.slice(c * k, c * k + k);
      const lead = group[0]!;
      const target = Math.max(...group.map((t) => t.target));
      if (group.length < k) {
        // (The rung index is informational; the runner goes by budgets.)
        // A forked configuration (PBT): repeat j copies repeat j of the donor configuration, each seed its own lineage.
        const fork = lead.forkOf ? { fork: { from: donorRepeat(trials, Math.floor(lead.forkOf.from / k), group.length, k), budget: lead.forkOf.budget } } : {};
        return { kind: 'start', number: c * k + group.length, params: lead.params, budget: lead.target, bracket: lead.bracket, rung: this.rungOf(lead.bracket, lead.target), ...fork };
      }
      for (const t of group) {
        if (t.target < target && t.state !== 'running' && t.state !== 'queued' && t.state !== 'failed') {
          return { kind: 'promote', number: t.number, budget: target, bracket: t.bracket, rung: this.rungOf(t.bracket, target) };
        }
      }
    }
    return undefined;
  }

  /** The inner plan's rung of each (bracket, budget), read once: every fanned-out job asks. */
  private rungs: Map<string, number> | undefined;

  /** The rung of `budget` in the inner plan's bracket (informational: the runner goes by budgets); 0 when it has none. */
  private rungOf(bracket: number, budget: number): number {
    this.rungs ??= new Map(this.inner.plan().flatMap((b) => b.rungs.map((r) => [`${b.bracket}:${r.budget}`, r.rung] as const)));
    return this.rungs.get(`${bracket}:${budget}`) ?? 0;
  }

  plan(): PlanBracket[] {
    const k = this.repeats;
    return this.inner.plan().map((b) => ({ ...b, rungs: b.rungs.map((r) => ({ ...r, trials: r.trials * k, ...(r.replaced !== undefined ? { replaced: r.replaced * k } : {}) })) }));
  }
}

/**
 * The trial a repeat of a forked configuration copies: repeat j of the donor configuration, or, when that one
 * failed (a configuration lives on while any repeat does), the donor's first repeat that did not.
 */
function donorRepeat(trials: readonly TrialView[], donor: number, j: number, k: number): number {
  const own = trials[donor * k + j];
  if (own && own.state !== 'failed') return own.number;
  return trials.slice(donor * k, donor * k + k).find((t) => t.state !== 'failed')?.number ?? donor * k + j;
}

/**
 * One view per configuration (number c for trials c·k … c·k+k−1): in flight while any repeat is; rung values are
 * means over the repeats that reached them; a forked one (PBT) a copy of the donor's configuration. `rungs show`
 * replays PBT's generations on them, as the wrapped strategy saw them.
 */
export function configurationViews(trials: readonly TrialView[], k: number): TrialView[] {
  const out: TrialView[] = [];
  for (let c = 0; c * k < trials.length; c++) out.push(configurationView(trials.slice(c * k, c * k + k), c, k));
  return out;
}

/** Configuration c's view, from its repeats (`group`, in order). */
function configurationView(group: readonly TrialView[], c: number, k: number): TrialView {
  const lead = group[0]!;
  const inFlight = group.some(isInFlight);
  const ok = group.filter((t) => t.state !== 'failed');
  let state: TrialState;
  if (inFlight) state = 'running';
  else if (ok.length === 0) state = 'failed';
  else state = ok.every((t) => t.state === 'complete') ? 'complete' : 'pruned';
  const rungValues = new Map<number, number>();
  if (ok.length > 0) {
    for (const budget of ok[0]!.rungValues.keys()) {
      let sum = 0;
      let n = 0;
      for (const t of ok) {
        const v = t.rungValues.get(budget);
        if (v !== undefined) {
          sum += v;
          n++;
        }
      }
      if (n === ok.length) rungValues.set(budget, sum / n);
    }
  }
  return {
    number: c,
    params: lead.params,
    state,
    budget: ok.length ? Math.min(...ok.map((t) => t.budget)) : 0,
    target: Math.max(...group.map((t) => t.target)),
    rungValues,
    bracket: lead.bracket,
    ...(lead.forkOf ? { forkOf: { from: Math.floor(lead.forkOf.from / k), budget: lead.forkOf.budget } } : {}),
  };
}
