/**
 * The built modules import one another without a cycle. In a cycle, the module Node evaluates first depends on
 * whichever one was imported first; a constant read at the top of a module can then still be unset (a TDZ
 * ReferenceError), and a script importing a deep module directly (the benchmarks do) fails to load.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-cli.js';

const DIST = path.join(ROOT, 'dist');

function builtModules(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? builtModules(p) : p.endsWith('.js') ? [p] : [];
  });
}

/** The relative modules a file imports or re-exports statically (dynamic import() does not run at load). */
function staticImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const from = [...text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'/gms), ...text.matchAll(/^import\s+'(\.[^']+)'/gm)];
  return from.map((m) => path.resolve(path.dirname(file), m[1]!));
}

/** The strongly connected components of more than one module (Tarjan): every import cycle. */
function importCycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(path.relative(DIST, w));
    } while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

describe('the import graph of dist/', () => {
  it('finds a cycle when there is one', () => {
    const graph = new Map([['/a.js', ['/b.js']], ['/b.js', ['/c.js']], ['/c.js', ['/a.js']], ['/d.js', ['/a.js']]]);
    expect(importCycles(graph).map((c) => c.length)).toEqual([3]);
  });

  it('has no import cycle', () => {
    const modules = builtModules(DIST);
    expect(modules.length).toBeGreaterThan(100);
    const graph = new Map(modules.map((m) => [m, staticImports(m)]));
    expect(graph.get(path.join(DIST, 'index.js'))!.length).toBeGreaterThan(10);
    expect(importCycles(graph)).toEqual([]);
  });

  it('loads a deep module imported first (strategy-spec, as the benchmarks import it)', async () => {
    const script = `await import(${JSON.stringify(path.join(DIST, 'search/strategy-spec.js'))}); await import(${JSON.stringify(path.join(DIST, 'index.js'))}); console.log('loaded');`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT });
    expect(stdout.trim()).toBe('loaded');
  }, 30_000);
});
