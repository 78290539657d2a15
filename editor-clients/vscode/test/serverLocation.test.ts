import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locateServer } from '../src/serverLocation';

const base = { extensionPath: '/ext', pathEnv: '/usr/bin:/opt/llamacode/bin', platform: 'linux' as NodeJS.Platform };

test('the setting wins when it points at an executable', () => {
  const r = locateServer({ ...base, configured: '/home/me/llamacode', isExecutable: f => f === '/home/me/llamacode' || f === '/ext/server/llamacode' });
  assert.deepEqual(r, { ok: true, path: '/home/me/llamacode', source: 'setting' });
});

test('a setting that points nowhere is an error with a fix, not a silent fallback', () => {
  const r = locateServer({ ...base, configured: '/nope', isExecutable: () => false });
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.message : '', /llamacode\.serverPath.*'\/nope'/);
});

test('then the bundled server, then PATH', () => {
  assert.deepEqual(locateServer({ ...base, configured: '', isExecutable: f => f === '/ext/server/llamacode' }),
    { ok: true, path: '/ext/server/llamacode', source: 'bundled' });
  assert.deepEqual(locateServer({ ...base, configured: undefined, isExecutable: f => f === '/opt/llamacode/bin/llamacode' }),
    { ok: true, path: '/opt/llamacode/bin/llamacode', source: 'PATH' });
});

test('not found anywhere: a clear message that says how to fix it', () => {
  const r = locateServer({ ...base, configured: undefined, isExecutable: () => false });
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.message : '', /not found.*dotnet tool install -g llamacode.*llamacode\.serverPath/s);
});

test('Windows looks for llamacode.exe on a ;-separated PATH', () => {
  const r = locateServer({ configured: undefined, extensionPath: 'C:\\ext', pathEnv: 'C:\\a;C:\\tools', platform: 'win32',
    isExecutable: f => f.endsWith('tools/llamacode.exe') || f.endsWith('tools\\llamacode.exe') });
  assert.equal(r.ok && r.source, 'PATH');
});
