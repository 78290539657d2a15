import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statsTable, statusText, ServedRequest } from '../src/stats';

const served = (source: string, totalMs: number, uri = 'file:///w/Cart.cs'): ServedRequest =>
  ({ uri, source, promptTokens: 200, cachedTokens: 150, decodedTokens: 50, generatedTokens: 8, timeToFirstTokenMs: 40, totalMs, at: '2026-12-04T13:00:00Z' });

test('the status bar names the model, its backend and the last model answer\'s latency', () => {
  const table: [Parameters<typeof statusText>[0], string][] = [
    [{ version: 1, requests: [served('model', 120.4), served('typing-through', 0)], model: 'codellama-7b.Q4_K_M.gguf', backend: 'local · CPU' }, 'codellama-7b.Q4_K_M · local · CPU · 120 ms'],
    [{ version: 1, requests: [], model: 'codellama-7b.Q4_K_M.gguf', backend: 'local · CUDA (all layers)' }, 'codellama-7b.Q4_K_M · local · CUDA (all layers)'],
    [{ version: 1, requests: [], model: null, backend: null }, 'no model'],
  ];
  for (const [stats, expected] of table) assert.equal(statusText(stats), expected);
});

test('the stats table lists the recent requests newest first, with the cached share', () => {
  const text = statsTable({ version: 1, requests: [served('model', 100, 'file:///w/A.cs'), served('model', 300, 'file:///w/B.cs')], model: 'm.gguf', backend: 'local · CPU' });
  const rows = text.split('\n').filter(l => l.startsWith('| ') && !l.startsWith('| time'));
  assert.equal(rows.length, 2);
  assert.match(rows[0], /\| B\.cs \| model \| 200 \| 75% \| 8 \| 40 \| 300 \|$/);
  assert.match(rows[1], /\| A\.cs \|/);
  assert.match(text, /Model: m\.gguf \(local · CPU\)/);
});
