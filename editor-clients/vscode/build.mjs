// Bundles the extension (and, with --tests, the unit tests) with esbuild.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';

const tests = process.argv.includes('--tests');
if (tests) {
  await build({
    entryPoints: readdirSync('test').filter(f => f.endsWith('.test.ts')).map(f => `test/${f}`),
    outdir: 'dist-test', bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning',
  });
} else {
  await build({
    entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', bundle: true, platform: 'node', format: 'cjs',
    target: 'node20', external: ['vscode'], sourcemap: true, minify: true, logLevel: 'warning',
  });
}
