/** Studies the curves tests put beside their main one: one of two objectives, and one with no trial yet. */
import { createStudy, defineStudy, float, runStudy } from '../../src/index.js';

/** Runs "two" (objectives f1 and f2, 2 trials, each with a curve of both at step 1) and makes "empty" (no trial) in `db`. */
export async function addCurveSideStudies(db: string): Promise<void> {
  await runStudy(
    defineStudy({
      name: 'two',
      objectives: [{ metric: 'f1', direction: 'minimize' }, { metric: 'f2', direction: 'minimize' }],
      space: { x: float(0, 1) },
      strategy: { type: 'random', trials: 2 },
      objective: ({ x }, ctx) => {
        ctx.report(1, x, { f2: 1 - x });
        return { f1: x, f2: 1 - x };
      },
    }),
    { storage: db },
  );
  await (await createStudy(defineStudy({ name: 'empty', space: { x: float(0, 1) }, strategy: { type: 'random', trials: 3 } }), { storage: db })).close();
}
