// The command line and the order of parts that bench:cmaes and bench:gp share: parse --seeds,
// --tasks, --no-optuna, --no-quality, --no-overhead and --digits; run the quality part, the cost
// of deciding (overhead.mjs) and, with --digits, the digits MLP (digits.mjs); then report them in
// that order, in one benchMain (the total time and the RESULT lines last).
import { benchMain, parseBenchArgs } from '../search-quality/bench-common.mjs';
import { reportDigits, runDigits } from './digits.mjs';
import { runOverhead } from './overhead.mjs';

/**
 * `name`: the temporary folder's and the benchmark's name; `seeds`, `tasks`: the defaults of
 * --seeds and --tasks (tasks: the functions by name). quality: { run(opts, dir, started) → results,
 * report(results, opts, resultLines) }; overhead: runOverhead's options but opts, dir and started,
 * plus report(rows, resultLines); digits: runDigits's options but opts, dir and started, plus
 * report: reportDigits's options but rows, opts and resultLines.
 */
export async function syntheticBench({ name, seeds, tasks, quality, overhead, digits }) {
  const argv = process.argv.slice(2);
  const withDigits = argv.includes('--digits');
  const opts = parseBenchArgs(argv.filter((a) => a !== '--digits'), { seeds, tasks, flags: { '--no-quality': 'quality', '--no-overhead': 'overhead' } });
  const { report: reportOverhead, ...overheadOptions } = overhead;
  const { report: digitsReport, ...digitsOptions } = digits;
  await benchMain(name, async (dir, started, resultLines) => {
    const q = opts.quality ? await quality.run(opts, dir, started) : null;
    const o = opts.overhead ? await runOverhead({ opts, dir, started, ...overheadOptions }) : null;
    const d = withDigits ? await runDigits({ opts, dir, started, ...digitsOptions }) : null;
    if (q) quality.report(q, opts, resultLines);
    if (o) reportOverhead(o, resultLines);
    if (d) reportDigits({ rows: d, opts, resultLines, ...digitsReport });
  });
}
