// Summarises a V8 .cpuprofile (from `node --cpu-prof`): top functions by self
// time and by inclusive time, to read where the main thread's time goes.
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/framework-overhead/profile.mjs --no-timers
//   node bench/framework-overhead/cpuprofile-summary.mjs /tmp/prof/CPU.<…>.0.001.cpuprofile [top=30]
// (the main thread's file is the largest; the others are the workers')
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const nodes = new Map(p.nodes.map(n => [n.id, n]));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const dt = p.timeDeltas; let total = 0;
for (let i = 0; i < p.samples.length; i++) { const d = dt[i+1] ?? 0; self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + d); total += d; }
const label = n => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*\/(node_modules\/)?/, '')}:${n.callFrame.lineNumber+1}`;
const bySelf = new Map(); const incl = new Map();
for (const [id, t] of self) {
  const l = label(nodes.get(id)); bySelf.set(l, (bySelf.get(l) ?? 0) + t);
  const seen = new Set(); let cur = id;
  while (cur !== undefined) { const l2 = label(nodes.get(cur)); if (!seen.has(l2)) { seen.add(l2); incl.set(l2, (incl.get(l2) ?? 0) + t); } cur = parent.get(cur); }
}
const N = Number(process.argv[3]) || 30;
console.log('total sampled ms', (total/1000).toFixed(0));
console.log('--- self'); for (const [l, t] of [...bySelf].sort((a,b)=>b[1]-a[1]).slice(0,N)) console.log((t/1000).toFixed(1).padStart(8), (100*t/total).toFixed(1).padStart(5)+'%', l);
console.log('--- inclusive'); for (const [l, t] of [...incl].sort((a,b)=>b[1]-a[1]).slice(0,N*2)) console.log((t/1000).toFixed(1).padStart(8), (100*t/total).toFixed(1).padStart(5)+'%', l);
