/**
 * One draw of the GP strategy as data: everything trial n's params depend
 * on, plain enough to cross to a worker thread (structured clone), and the
 * pure function that turns it into the params. gp.ts draws with it on the
 * calling thread; the run loop hands it to a draw thread instead
 * (pool/draw-thread.ts), which runs the same function on the same data, so
 * both give the same params bit for bit.
 */
import { deriveSeed, Rng } from '../rng.js';
import { gpSample, type GpSampleInput } from './gp-sample.js';
import { drawnWith } from './sample-params.js';
import type { Params } from './space.js';

/** The acquisition's draws come from a stream of their own (a trial's random-search draw stays what it is). */
const GP_STREAM = 0x6770;

export interface GpDraw {
  /** Identifies the draw: the trial number and everything the GP learns from (GpSearch remembers draws by it). */
  key: string;
  /** The trial drawn. */
  number: number;
  /** The study seed. */
  seed: number;
  sample: Omit<GpSampleInput, 'rng'>;
}

/**
 * Trial `number`'s params: the GP's choice for the searched params (its acquisition drawing from
 * new Rng(deriveSeed(seed, number, GP_STREAM))), the rest the trial's random draw; the chosen
 * categoricals decide which conditional params it has.
 */
export function gpDraw(draw: GpDraw): Params {
  const chosen = gpSample({ ...draw.sample, rng: new Rng(deriveSeed(draw.seed, draw.number, GP_STREAM)) });
  return drawnWith(draw.sample.space, draw.seed, draw.number, chosen);
}
