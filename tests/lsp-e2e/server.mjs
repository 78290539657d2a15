// Starts `llamacode serve` and connects the client library VS Code's language client uses.
import { spawn } from 'node:child_process';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  InitializeRequest, InitializedNotification, ShutdownRequest, ExitNotification,
  ShowMessageNotification, LogMessageNotification, WorkDoneProgressCreateRequest,
} from 'vscode-languageserver-protocol/node';

export const bin = process.env.LLAMACODE_BIN;
export const tinyModel = process.env.LLAMACODE_TINY_MODEL;
if (!bin || !tinyModel) throw new Error('set LLAMACODE_BIN and LLAMACODE_TINY_MODEL (scripts/test.sh does)');

export function startServer(args = ['--model', tinyModel], env = {}) {
  const child = spawn(bin, ['serve', ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', d => { stderr += d; });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const shown = [];
  connection.onNotification(ShowMessageNotification.type, p => shown.push(p));
  connection.onNotification(LogMessageNotification.type, () => {});
  connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
  connection.onNotification('$/progress', () => {}); // tests that watch progress register their own handler
  connection.listen();
  const exited = new Promise(resolve => child.on('exit', code => resolve(code)));
  return {
    child, connection, shown, exited,
    get stderr() { return stderr; },
    async initialize(initializationOptions = {}, positionEncodings = ['utf-16']) {
      const result = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid, rootUri: null,
        // Requests wait for the model load however long this machine takes, instead of answering empty.
        initializationOptions: { loadWaitMs: MACHINE_BOUND_MS, ...initializationOptions },
        capabilities: { general: { positionEncodings }, window: { workDoneProgress: true } },
      });
      await connection.sendNotification(InitializedNotification.type, {});
      return result;
    },
    async stop() {
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      const code = await exited;
      connection.dispose();
      return code;
    },
    kill() { connection.dispose(); child.kill(); },
    /** Writes bytes straight into the server's stdin, bypassing the client's framing. */
    writeRaw(text) { child.stdin.write(text); },
  };
}

export const frame = json => `Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`;

/** The one limit on waits for work whose length depends on the machine: it catches hangs, it never measures speed. */
export const MACHINE_BOUND_MS = 180000;

export async function eventually(condition, ms = MACHINE_BOUND_MS) {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 20));
  }
}
