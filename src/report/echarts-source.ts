import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * The text of ECharts' single-file minified build (`echarts/dist/echarts.min.js`),
 * read once from the installed package and made safe to inline in a
 * `<script>` element (any `</script` or `<!--` is escaped; the published
 * file has none, so this never changes the code).
 */
export function echartsSource(): string {
  if (cached === undefined) cached = inlineSafe(readFileSync(echartsPath(), 'utf8'));
  return cached;
}

/** Absolute path of `echarts/dist/echarts.min.js`. */
export function echartsPath(): string {
  const require = createRequire(import.meta.url);
  try {
    return require.resolve('echarts/dist/echarts.min.js');
  } catch {
    // Not reachable through the package's "exports": the main file sits in the same folder.
    return join(dirname(require.resolve('echarts')), 'echarts.min.js');
  }
}

function inlineSafe(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
