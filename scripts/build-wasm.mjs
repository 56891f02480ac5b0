// Compiles src/tasks/mlp-kernels.wat into src/tasks/mlp-kernels-wasm.ts (the module's bytes
// as base64), which the TypeScript build ships: wabt is needed only to change the kernels.
//
//   npm run build:wasm            # write the file
//   node scripts/build-wasm.mjs --check   # exit 1 if the file is not what the .wat compiles to
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileKernels, kernelsModuleText } from './compile-wasm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wat = join(root, 'src/tasks/mlp-kernels.wat');
const out = join(root, 'src/tasks/mlp-kernels-wasm.ts');
const text = kernelsModuleText(await compileKernels(readFileSync(wat, 'utf8')));
if (process.argv.includes('--check')) {
  const same = readFileSync(out, 'utf8') === text;
  console.log(same ? 'mlp-kernels-wasm.ts is up to date' : 'mlp-kernels-wasm.ts differs from mlp-kernels.wat: run npm run build:wasm');
  process.exit(same ? 0 : 1);
}
writeFileSync(out, text);
console.log(`wrote ${out}`);
