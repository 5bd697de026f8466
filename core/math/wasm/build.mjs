// `npm run build:wasm`: compiles the four builds of the kernels (see
// assembly/asconfig.json): SIMD, relaxed SIMD (FMA), and both again on
// imported shared memory for threads. Deterministic output, committed.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const asc = fileURLToPath(new URL('../../../node_modules/assemblyscript/bin/asc.js', import.meta.url));
const config = fileURLToPath(new URL('./assembly/asconfig.json', import.meta.url));
const outDir = process.argv[2]; // tests build into a temporary directory
for (const target of ['simd', 'relaxed', 'shared', 'shared-relaxed']) {
  const args = [asc, '--config', config, '--target', target];
  if (outDir) {
    const name = { simd: 'kernels.wasm', relaxed: 'kernels-relaxed.wasm', shared: 'kernels-shared.wasm', 'shared-relaxed': 'kernels-shared-relaxed.wasm' }[target];
    args.push('-o', `${outDir}/${name}`);
  }
  execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
}
