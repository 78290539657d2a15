// End to end in a real VS Code: code-server with the linux-x64 extension package, driven through Chromium by
// playwright-core. Only llamacode.modelPath is set: the server is the one bundled in the .vsix.
// Needs: LLAMACODE_TINY_MODEL, LLAMACODE_VSIX (scripts/build-vscode.sh), VSCODE_E2E_CACHE (scripts/setup-vscode-e2e.sh).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';

const { LLAMACODE_TINY_MODEL: model, LLAMACODE_VSIX: vsix, VSCODE_E2E_CACHE: cache, LLAMACODE_SCREENSHOT: screenshot } = process.env;
if (!model || !vsix || !cache) throw new Error('set LLAMACODE_TINY_MODEL, LLAMACODE_VSIX and VSCODE_E2E_CACHE (scripts/test.sh does)');
const node24 = join(cache, readdirSync(cache).find(d => d.startsWith('node-')), 'bin');
const codeServer = join(cache, readdirSync(cache).find(d => d.startsWith('code-server-')), 'node_modules', '.bin', 'code-server');

const prefix = mkdtempSync(join(tmpdir(), 'llamacode-vscode-e2e-'));
const env = {
  ...process.env, PATH: `${node24}:${process.env.PATH}`,
  XDG_CONFIG_HOME: join(prefix, 'config'), XDG_DATA_HOME: join(prefix, 'data'), XDG_CACHE_HOME: join(prefix, 'cache'), XDG_STATE_HOME: join(prefix, 'state'),
};
const userData = join(prefix, 'user-data');
const extensions = join(prefix, 'extensions');
const workspace = join(prefix, 'workspace');
mkdirSync(join(userData, 'User'), { recursive: true });
mkdirSync(workspace, { recursive: true });
writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
  'files.hotExit': 'off', 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false,
  'editor.inlineSuggest.enabled': true, 'telemetry.telemetryLevel': 'off', 'extensions.autoUpdate': false,
  'llamacode.modelPath': model, 'llamacode.maxTokens': 16, 'llamacode.explainMaxTokens': 24,
}, null, 2));
writeFileSync(join(workspace, 'Cart.cs'), 'public sealed class Cart\n{\n    public int Total(int[] prices)\n    {\n        var sum = 0;\n        \n        return sum;\n    }\n}\n');

/** The one limit on waits for work whose length depends on the machine: it catches hangs, it never measures speed. */
const LIMIT = 180000;

const free = () => new Promise(res => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });
const common = ['--user-data-dir', userData, '--extensions-dir', extensions];

execFileSync(codeServer, [...common, '--install-extension', resolve(vsix)], { env, stdio: 'inherit' });
/** The server inside the installed package: nothing else is configured, and PATH has no llamacode. */
const bundled = join(extensions, readdirSync(extensions).find(d => d.startsWith('llamacode.llamacode-')), 'server', 'llamacode');
const bundledRunning = () => { try { return execFileSync('pgrep', ['-f', `${bundled} serve`]).toString().trim().length > 0; } catch { return false; } };
const port = await free();
const server = spawn(codeServer, [...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
  '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', workspace], { env, stdio: ['ignore', 'pipe', 'pipe'] });
let serverLog = '';
server.stdout.on('data', d => { serverLog += d; });
server.stderr.on('data', d => { serverLog += d; });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
after(async () => { await browser.close(); server.kill(); });

let page;
async function until(fn, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    try { if (await fn()) return; } catch { /* not yet */ }
    if (Date.now() > end) {
      if (process.env.LLAMACODE_E2E_DEBUG) await page?.screenshot({ path: process.env.LLAMACODE_E2E_DEBUG }).catch(() => {});
      throw new Error(`timed out waiting for ${what}\n${serverLog.slice(-2000)}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await until(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, LIMIT, 'code-server');
await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
const statusItem = page.locator('.statusbar-item', { hasText: 'LlamaCode' });

/** Go to line:column through the quick input, giving it time to open and to take the text. */
async function goTo(position) {
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ timeout: LIMIT });
  await page.keyboard.type(position);
  await until(async () => (await page.locator('.quick-input-widget input').inputValue()).endsWith(position), LIMIT, `the quick input to take '${position}'`);
  // Enter acts on the picker's entry for the typed line, which follows the input: wait for it where it shows.
  const line = position.split(':')[0];
  await page.locator('.quick-input-widget', { hasText: new RegExp(`\\bline ${line}\\b`, 'i') }).first().waitFor({ timeout: LIMIT }).catch(() => {});
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: LIMIT });
}

async function runCommand(title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ timeout: LIMIT });
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: LIMIT });
  await page.keyboard.press('Enter');
}

async function openCart() {
  await page.keyboard.press('Control+P');
  await page.keyboard.type('Cart.cs');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Cart.cs' }).first().waitFor({ timeout: LIMIT });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: LIMIT });
}

/** Goes to the empty line inside Total, types, and waits for ghost text. */
async function typeForGhostText(text) {
  await goTo('6:9');
  await page.keyboard.type(text, { delay: 60 });
  const ghost = page.locator('.ghost-text-decoration, .ghost-text-decoration-preview').first();
  try {
    await ghost.waitFor({ timeout: LIMIT });
  } catch (e) {
    if (process.env.LLAMACODE_E2E_DEBUG) await page.screenshot({ path: process.env.LLAMACODE_E2E_DEBUG });
    throw e;
  }
  return ghost;
}

test('ghost text from the bundled server, accepted with Tab', async () => {
  await until(async () => (await statusItem.count()) > 0 && (await statusItem.first().locator('.codicon-check').count()) > 0, LIMIT, 'the LlamaCode status bar item to be ready');
  assert.ok(bundledRunning(), `the bundled server ${bundled} is not running`);
  await openCart();
  await typeForGhostText('sum += ');
  // Ghost text can span several decorations (leading whitespace is one of them).
  const suggestion = (await page.locator('.ghost-text-decoration').allTextContents()).join('').replace(/\u00a0/g, ' ');
  if (screenshot) await page.screenshot({ path: screenshot });
  assert.ok(suggestion.trim().length > 0, 'empty ghost text');
  await page.keyboard.press('Tab');
  await until(async () => (await page.locator('.ghost-text-decoration').count()) === 0, LIMIT, 'the ghost text to be accepted');
  const firstWord = suggestion.trim().split(/\s+/)[0];
  const line = ((await page.locator('.view-line', { hasText: 'sum += ' }).first().textContent()) ?? '').replace(/\u00a0/g, ' ');
  assert.ok(line.includes(firstWord), `line '${line}' lacks the accepted '${firstWord}'`);
  assert.ok(line.indexOf(firstWord) > line.indexOf('sum += '), `'${firstWord}' is not after the cursor in '${line}'`);
  // The status bar names the model and its backend, and the last keystroke's latency.
  const modelName = basename(model).replace(/\.gguf$/, '');
  await until(async () => /· local · CPU · \d+ ms/.test(await statusItem.first().textContent()), LIMIT, 'the status bar to show the latency');
  assert.ok((await statusItem.first().textContent()).includes(modelName), await statusItem.first().textContent());
});

test('explain selection streams into a panel', async () => {
  await goTo('3:5');
  await page.keyboard.press('Shift+End');
  await runCommand('LlamaCode: Explain Selection');
  const frame = page.frameLocator('iframe.webview').frameLocator('iframe');
  await until(async () => (await frame.locator('#explanation[data-done="true"]').count()) > 0, LIMIT, 'the explanation to finish');
  const text = await frame.locator('#explanation').textContent();
  assert.ok(text && !text.startsWith('LlamaCode could not'), text);
});

test('a killed server is restarted', async () => {
  execFileSync('pkill', ['-f', `${bundled} serve`]);
  // The extension notices the crash (the item leaves "ready"), waits its backoff, and starts a new server.
  await until(async () => (await statusItem.first().locator('.codicon-check').count()) === 0, LIMIT, 'the crash to be noticed');
  await until(async () => (await statusItem.first().locator('.codicon-check').count()) > 0, LIMIT, 'the server to come back');
  await page.keyboard.press('Escape');
  await page.locator('.monaco-editor .view-lines').first().click();
  await typeForGhostText('sum += 1;\n        sum += ');
});

test('recent completions open as a table', async () => {
  // After the restart: the new server's answers to the last test's typing are rows of Cart.cs (served by the model
  // or by typing through the suggestion on screen).
  await runCommand('LlamaCode: Show Recent Completions');
  await until(async () => (await page.locator('.view-line', { hasText: '| Cart.cs |' }).count()) > 0, LIMIT, 'a table row of Cart.cs');
});
