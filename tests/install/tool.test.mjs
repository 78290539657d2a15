// The dotnet tool package as a user installs it: into a temporary tool path from the packed folder alone, then
// `llamacode --version`, a `complete` on the tiny generated model, and that the package holds the product only
// (no development tools). Run by scripts/test.sh.
// Needs: LLAMACODE_TOOL_SOURCE (scripts/pack-tool.sh), LLAMACODE_TINY_MODEL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const { LLAMACODE_TOOL_SOURCE: source, LLAMACODE_TINY_MODEL: model } = process.env;
if (!source || !model) throw new Error('set LLAMACODE_TOOL_SOURCE and LLAMACODE_TINY_MODEL (scripts/test.sh does)');
const root = resolve(import.meta.dirname, '..', '..');
const prefix = mkdtempSync(join(tmpdir(), 'llamacode-tool-'));
const toolPath = join(prefix, 'tools');
// Only the packed folder as a source: the test installs what was just built, never a package of the same name elsewhere.
writeFileSync(join(prefix, 'nuget.config'),
  `<?xml version="1.0" encoding="utf-8"?>\n<configuration><packageSources><clear /><add key="local" value="${resolve(source)}" /></packageSources></configuration>\n`);
const llamacode = (...args) => execFileSync(join(toolPath, 'llamacode'), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('dotnet tool install puts a working llamacode on the tool path', () => {
  // A fresh package folder too: a package of the same version cached by an earlier build must not stand in for this one.
  execFileSync('dotnet', ['tool', 'install', 'llamacode', '--tool-path', toolPath, '--configfile', join(prefix, 'nuget.config')],
    { stdio: 'inherit', env: { ...process.env, NUGET_PACKAGES: join(prefix, 'packages') } });
});

test('--version names the llama.cpp release of the natives inside the package', () => {
  const pinned = readFileSync(join(root, 'eng', 'node-llama-cpp.version'), 'utf8').trim();
  const [product, natives] = llamacode('--version').trimEnd().split('\n');
  assert.match(product, /^llamacode \d+\.\d+\.\d+/);
  assert.match(natives, new RegExp(`^llama\\.cpp v\\S+, ggml [\\d.]+ \\(commit [0-9a-f]+\\), linux-x64 CPU natives of node-llama-cpp ${pinned.replace(/\./g, '\\.')}, in ${toolPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`));
});

test('complete runs on the natives inside the package', () => {
  const output = JSON.parse(llamacode('complete', '--model', model, '--file', join(root, 'samples', 'Demo.cs'), '--line', '20', '--character', '17', '--max-tokens', '4', '--json'));
  assert.equal(output.version, 1);
  assert.equal(typeof output.completion, 'string');
  assert.ok(output.stats.promptTokens > 20 && output.stats.generatedTokens > 0, JSON.stringify(output.stats));
});

test('the package carries the product only: no development tools, and --help lists no development command', () => {
  const files = readdirSync(toolPath, { recursive: true }).map(String);
  assert.ok(files.some(f => basename(f) === 'llamacode.dll'), 'the installed tool has llamacode.dll');
  assert.deepEqual(files.filter(f => /^(llamacode-dev|LlamaCode\.ModelGenerator)\b/.test(basename(f))), []);
  const commands = llamacode('--help').split(/^Commands:$/m)[1] ?? '';
  assert.match(commands, /^\s+complete\b/m);
  assert.doesNotMatch(commands, /^\s+(bench|dev|make-model|model-path|hostile-corpus)\b/m);
});
