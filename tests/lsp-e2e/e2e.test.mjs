// End to end: a real `llamacode serve` process (tiny generated model, real llama.cpp) and the npm
// vscode-languageserver-protocol client. Run by scripts/test.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import {
  CancellationTokenSource, DidOpenTextDocumentNotification, DidChangeTextDocumentNotification,
  DidChangeConfigurationNotification, InlineCompletionRequest, InlineCompletionTriggerKind, ShutdownRequest,
} from 'vscode-languageserver-protocol/node';
import { startServer, frame, eventually, tinyModel } from './server.mjs';

const uri = 'file:///e2e/Cart.cs';
const stats = server => server.connection.sendRequest('llamacode/stats');
const lastPrompt = server => server.connection.sendRequest('llamacode/lastPrompt');
const open = (server, text, u = uri) =>
  server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: u, languageId: 'csharp', version: 1, text } });
const change = (server, version, contentChanges, u = uri) =>
  server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: u, version }, contentChanges });
const inline = (server, line, character, token, triggerKind = InlineCompletionTriggerKind.Invoked) =>
  server.connection.sendRequest(InlineCompletionRequest.type,
    { textDocument: { uri }, position: { line, character }, context: { triggerKind } }, token);
const range = (sl, sc, el, ec) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });
const longDocument = () => Array.from({ length: 200 }, (_, i) => `    var item${i} = Compute(values[${i}], ${i} * factor);`).join('\n') + '\n';

test('lifecycle: not initialized, initialize, shutdown, exit 0', async t => {
  const server = startServer();
  t.after(() => server.kill());
  await assert.rejects(stats(server), e => e.code === -32002);
  const init = await server.initialize();
  assert.equal(init.capabilities.positionEncoding, 'utf-16');
  assert.equal(init.capabilities.textDocumentSync.change, 2);
  assert.equal(init.capabilities.inlineCompletionProvider, true);
  await server.connection.sendRequest(ShutdownRequest.type);
  await assert.rejects(stats(server), e => e.code === -32600);
  await server.connection.sendNotification('exit');
  assert.equal(await server.exited, 0);
});

test('document sync with unicode edits, in UTF-16 and UTF-8', async t => {
  for (const [encoding, afterEmoji] of [['utf-16', 7], ['utf-8', 9]]) {
    const server = startServer();
    t.after(() => server.kill());
    const init = await server.initialize({}, [encoding]);
    assert.equal(init.capabilities.positionEncoding, encoding);
    await open(server, 's = "😀";\r\nnext\n');
    // Insert after the emoji (2 UTF-16 units, 4 UTF-8 bytes), then replace a word on the CRLF-separated next line.
    await change(server, 2, [{ range: range(0, afterEmoji, 0, afterEmoji), text: 'é' }]);
    await change(server, 3, [{ range: range(1, 0, 1, 4), text: 'return' }]);
    await inline(server, 1, 6);
    const prompt = await lastPrompt(server);
    assert.equal(prompt.prefix, 's = "😀é";\r\nreturn');
    assert.equal(prompt.suffix, '\n');
    assert.equal(await server.stop(), 0);
  }
});

test('inline completion from the model, then typing-through', async t => {
  const server = startServer();
  t.after(() => server.kill());
  await server.initialize({ maxTokens: 12 });
  await open(server, 'class Cart\n{\n    int Total()\n    {\n        return \n    }\n}\n');
  const result = await inline(server, 4, 15);
  assert.ok(Array.isArray(result.items));
  const { requests: served, model, backend } = await stats(server);
  assert.equal(served.length, 1);
  assert.equal(served[0].source, 'model');
  assert.ok(served[0].promptTokens > 20);
  // What the status bar shows: the model's file name and where it runs.
  assert.deepEqual([model, backend], [basename(tinyModel), 'local · CPU']);
  // Greedy decoding of the tiny model is deterministic: this document gets a suggestion of several characters.
  assert.ok(result.items.length === 1 && result.items[0].insertText.length > 1, JSON.stringify(result));
  const first = result.items[0].insertText[0];
  await change(server, 2, [{ range: range(4, 15, 4, 15), text: first }]);
  const rest = await inline(server, 4, 16, undefined, InlineCompletionTriggerKind.Automatic);
  assert.equal(rest.items[0].insertText, result.items[0].insertText.slice(1));
  assert.equal((await stats(server)).requests.at(-1).source, 'typing-through');
  assert.equal(await server.stop(), 0);
});

test('llamacode/models lists the GGUF files of the local stores, FIM marked', async t => {
  const home = mkdtempSync(join(tmpdir(), 'llamacode-e2e-home-'));
  mkdirSync(join(home, '.cache', 'llama.cpp'), { recursive: true });
  copyFileSync(tinyModel, join(home, '.cache', 'llama.cpp', 'codellama-tiny.gguf'));
  const server = startServer(['--model', tinyModel], { HOME: home, XDG_CACHE_HOME: '', LLAMA_CACHE: '', OLLAMA_MODELS: '', HF_HOME: '', HF_HUB_CACHE: '' });
  t.after(() => server.kill());
  await server.initialize();
  const result = await server.connection.sendRequest('llamacode/models');
  assert.equal(result.version, 1);
  const mine = result.models.filter(m => m.path.startsWith(home));
  assert.deepEqual(mine.map(m => [m.name, m.store, m.fim]), [['codellama-tiny.gguf', 'llamacpp', true]]);
  assert.equal(await server.stop(), 0);
});

test('a newer request supersedes the older; $/cancelRequest cancels', async t => {
  const server = startServer();
  t.after(() => server.kill());
  await server.initialize({ maxTokens: 400 });
  await open(server, longDocument());
  const older = inline(server, 100, 10);
  const newer = inline(server, 100, 11);
  await assert.rejects(older, e => e.code === -32800);
  await newer;

  const source = new CancellationTokenSource();
  const cancelled = inline(server, 50, 4, source.token);
  setTimeout(() => source.cancel(), 5);
  await assert.rejects(cancelled, e => e.code === -32800);

  await change(server, 2, [{ range: range(0, 0, 0, 0), text: '// edited\n' }]);
  const modified = inline(server, 120, 5);
  await change(server, 3, [{ range: range(0, 0, 0, 0), text: '// again\n' }]);
  const after = inline(server, 120, 6);
  await assert.rejects(modified, e => e.code === -32801);
  await after;
  assert.equal(await server.stop(), 0);
});

test('a bad model is reported, and a settings change loads a good one', async t => {
  const dir = mkdtempSync(join(tmpdir(), 'llamacode-e2e-'));
  const bad = join(dir, 'broken.gguf');
  writeFileSync(bad, 'this is not a model\n');
  const server = startServer(['--model', bad]);
  t.after(() => server.kill());
  await server.initialize();
  await eventually(() => server.shown.some(m => m.type === 1 && m.message.includes('not a GGUF file')));
  await open(server, 'int x = ');
  assert.deepEqual((await inline(server, 0, 8)).items, []);

  await server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { llamacode: { modelPath: tinyModel, maxTokens: 4 } } });
  await inline(server, 0, 8);
  const served = (await stats(server)).requests;
  assert.equal(served.at(-1).source, 'model');
  assert.equal(await server.stop(), 0);
});

test('malformed input never takes the server down', async t => {
  const server = startServer();
  t.after(() => server.kill());
  await server.initialize();
  const cases = [
    frame('not json'),
    frame('{"jsonrpc":"2.0","method":'),
    frame('[1,2,3]'),
    frame('"a string"'),
    frame('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":"wrong"}'),
    frame('{"jsonrpc":"2.0","id":"raw-1","method":7}'),
    'Content-Type: nothing\r\n\r\n',
    'Content-Length: banana\r\n\r\n',
  ];
  for (const bytes of cases) {
    server.writeRaw(bytes);
    assert.equal((await stats(server)).version, 1, `after ${JSON.stringify(bytes)}`);
  }
  await assert.rejects(server.connection.sendRequest('llamacode/noSuchMethod', {}), e => e.code === -32601);
  await assert.rejects(server.connection.sendRequest(InlineCompletionRequest.type, { textDocument: 5, position: 'x' }), e => e.code === -32602);
  assert.match(server.stderr, /malformed message/);
  assert.equal(await server.stop(), 0);
});

test('explain selection: code action, streamed progress, whole text', async t => {
  const server = startServer();
  t.after(() => server.kill());
  const init = await server.initialize({ explainMaxTokens: 24 });
  assert.deepEqual(init.capabilities.executeCommandProvider.commands, ['llamacode.explainSelection']);
  await open(server, 'class A\n{\n    int Inc(int x) => x + 1;\n}\n');
  const actions = await server.connection.sendRequest('textDocument/codeAction',
    { textDocument: { uri }, range: range(2, 4, 2, 28), context: { diagnostics: [] } });
  assert.equal(actions.length, 1);
  const reports = [];
  server.connection.onNotification('$/progress', p => { if (p.token === 'e2e-explain' && p.value.kind === 'report') reports.push(p.value.message); });
  const text = await server.connection.sendRequest('workspace/executeCommand', { ...actions[0].command, workDoneToken: 'e2e-explain' });
  assert.equal(typeof text, 'string');
  assert.ok(reports.length > 0, 'no progress reports');
  assert.equal(reports.at(-1).trim(), text);
  assert.equal(await server.stop(), 0);
});
