import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveProjectLoader, isEnabledFor, needsRestart, toServerSettings, trustedValue, ExtensionSettings } from '../src/settings';

const defaults: ExtensionSettings = {
  modelPath: '', gpuLayers: 0, contextSize: 4096, maxTokens: 128, explainMaxTokens: 512, contextTokenBudget: 0, fimLayout: 'spm', projectLoader: 'auto',
  tokenHealing: true, prefillTargetMs: 300, logLevel: 'info', enable: { '*': true }, backend: 'local', endpoint: '', apiKeyEnv: '', remoteModel: '',
};

test('settings map onto the server section, an empty model path meaning none', () => {
  assert.deepEqual(toServerSettings(defaults), {
    llamacode: { modelPath: null, gpuLayers: 0, contextSize: 4096, maxTokens: 128, explainMaxTokens: 512, contextTokenBudget: 0, fimLayout: 'spm', projectLoader: 'auto', tokenHealing: true, prefillTargetMs: 300, logLevel: 'info',
      backend: 'local', endpoint: null, apiKeyEnv: null, remoteModel: null },
  });
  assert.equal(toServerSettings({ ...defaults, modelPath: '  /m/codellama.gguf ' }).llamacode.modelPath, '/m/codellama.gguf');
  assert.equal(toServerSettings({ ...defaults, gpuLayers: -1 }).llamacode.gpuLayers, -1);
});

test('remote backend settings map onto the server section, empty meaning none', () => {
  const remote = toServerSettings({ ...defaults, backend: 'llama-server', endpoint: ' http://gpu-box:8080 ', apiKeyEnv: 'LLAMA_TOKEN', remoteModel: '' }).llamacode;
  assert.deepEqual([remote.backend, remote.endpoint, remote.apiKeyEnv, remote.remoteModel], ['llama-server', 'http://gpu-box:8080', 'LLAMA_TOKEN', null]);
});

test('an untrusted workspace cannot choose where requests and tokens go', () => {
  const table: [string, string | undefined, boolean, string][] = [
    ['http://workspace-choice', 'http://users-own', true, 'http://workspace-choice'],
    ['http://workspace-choice', 'http://users-own', false, 'http://users-own'],
    ['http://workspace-choice', undefined, false, ''],
  ];
  for (const [value, user, trusted, expected] of table) assert.equal(trustedValue(value, user, trusted), expected, `${value} ${user} trusted=${trusted}`);
});

test('inline completions per language: its own entry, else "*", else on', () => {
  const table: [Record<string, boolean>, string, boolean][] = [
    [{ '*': true }, 'csharp', true],
    [{ '*': true, markdown: false }, 'markdown', false],
    [{ '*': false, csharp: true }, 'csharp', true],
    [{ '*': false, csharp: true }, 'python', false],
    [{}, 'anything', true],
  ];
  for (const [enable, language, expected] of table) assert.equal(isEnabledFor(enable, language), expected, `${JSON.stringify(enable)} ${language}`);
});

test('an untrusted workspace never loads projects with MSBuild (it would run code from them)', () => {
  const table: ['auto' | 'msbuild' | 'files', boolean, string][] = [
    ['msbuild', true, 'msbuild'], ['auto', true, 'auto'], ['files', true, 'files'],
    ['msbuild', false, 'files'], ['auto', false, 'files'], ['files', false, 'files'],
  ];
  for (const [setting, trusted, expected] of table) assert.equal(effectiveProjectLoader(setting, trusted), expected, `${setting} trusted=${trusted}`);
});

test('the server path and the project loader need a restart; the rest goes to didChangeConfiguration', () => {
  assert.equal(needsRestart(s => s === 'llamacode.serverPath'), true);
  assert.equal(needsRestart(s => s === 'llamacode.projectLoader'), true);
  assert.equal(needsRestart(s => s === 'llamacode.nativeDir'), true);
  assert.equal(needsRestart(s => s === 'llamacode.modelPath'), false);
});
