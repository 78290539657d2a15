import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toModelPicks, ModelEntry } from '../src/models';

const entry = (name: string, fim: boolean, store = 'ollama'): ModelEntry =>
  ({ name, path: `/m/${name}`, store, sizeBytes: 3 * 2 ** 30, architecture: 'llama', fim, detail: fim ? 'prefix token <PRE>' : 'no fill-in-the-middle prefix, suffix, middle token' });

test('models with FIM tokens come first and are marked; the others say they cannot fill in the middle', () => {
  const picks = toModelPicks({ version: 1, notes: [], models: [entry('llama2:latest', false), entry('qwen2.5-coder', true, 'lmstudio'), entry('codellama:7b-code', true)] });
  assert.deepEqual(picks.map(p => [p.label, p.description]), [
    ['$(check) codellama:7b-code', 'FIM · 3.0 GiB · Ollama'],
    ['$(check) qwen2.5-coder', 'FIM · 3.0 GiB · LM Studio'],
    ['llama2:latest', 'no FIM tokens · 3.0 GiB · Ollama'],
  ]);
  assert.equal(picks[2].path, '/m/llama2:latest');
  assert.match(picks[2].detail, /cannot fill in the middle/);
});

test('another version of the list is refused, not misread', () => {
  assert.throws(() => toModelPicks({ version: 2, notes: [], models: [] }), /version 2/);
});
