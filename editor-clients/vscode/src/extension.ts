// The LlamaCode extension: starts `llamacode serve` and wires it into VS Code. All intelligence is in the server;
// inline suggestions come from vscode-languageclient's own textDocument/inlineCompletion support.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction, DidChangeConfigurationNotification, ErrorAction, ExecuteCommandRequest, LanguageClient,
  LanguageClientOptions, ServerOptions, WorkDoneProgress,
} from 'vscode-languageclient/node';
import { effectiveProjectLoader, ExtensionSettings, isEnabledFor, needsRestart, toServerSettings, trustedValue } from './settings';
import { locateServer } from './serverLocation';
import { RestartPolicy } from './restartPolicy';
import { ModelList, toModelPicks } from './models';
import { statsTable, statusText, Stats } from './stats';

let client: LanguageClient | undefined;
let stopping = false;
let inlineEnabled = true;
const policy = new RestartPolicy();
let output: vscode.LogOutputChannel;
let status: vscode.StatusBarItem;
let lastStatus: 'loading' | 'ready' | 'off' | 'error' = 'loading';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('LlamaCode', { log: true });
  status = vscode.window.createStatusBarItem('llamacode.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'LlamaCode';
  status.show();
  context.subscriptions.push(output, status,
    vscode.commands.registerCommand('llamacode.restartServer', async () => { policy.reset(); await restart(context); }),
    vscode.commands.registerCommand('llamacode.toggleInlineCompletions', () => {
      inlineEnabled = !inlineEnabled;
      vscode.window.showInformationMessage(`LlamaCode inline completions ${inlineEnabled ? 'on' : 'off'}`);
      setStatus(inlineEnabled ? 'ready' : 'off');
    }),
    vscode.commands.registerCommand('llamacode.explain', () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.selection.isEmpty) return vscode.window.showWarningMessage('LlamaCode: select some code to explain.');
      return explain(editor.document.uri, editor.selection);
    }),
    vscode.commands.registerCommand('llamacode.showLogs', () => output.show()),
    vscode.commands.registerCommand('llamacode.chooseModel', chooseModel),
    vscode.workspace.registerTextDocumentContentProvider('llamacode-stats', { provideTextDocumentContent: async () => statsTable(await client!.sendRequest<Stats>('llamacode/stats')) }),
    vscode.commands.registerCommand('llamacode.showStats', async () => {
      if (!client) return vscode.window.showWarningMessage('LlamaCode: the server is not running.');
      return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.parse(`llamacode-stats:/recent-completions-${Date.now()}.md`)), { preview: true });
    }),
    vscode.workspace.registerTextDocumentContentProvider('llamacode-prompt', { provideTextDocumentContent: lastPromptText }),
    vscode.commands.registerCommand('llamacode.showLastPrompt', async () =>
      vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.parse(`llamacode-prompt:/last-prompt-${Date.now()}.md`)), { preview: true })),
    vscode.workspace.onDidChangeConfiguration(async e => {
      if (!e.affectsConfiguration('llamacode')) return;
      if (needsRestart(s => e.affectsConfiguration(s))) return restart(context);
      await client?.sendNotification(DidChangeConfigurationNotification.type, { settings: toServerSettings(readSettings()) });
      // A new model loads in the background: refresh the status bar's model name once it can have changed.
      if (e.affectsConfiguration('llamacode.modelPath')) setTimeout(() => void refreshStats(), 2000);
    }),
    // Trust lifts the project loader's restriction (effectiveProjectLoader), which the server reads at start.
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart(context)),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  stopping = true;
  await client?.stop();
}

function readSettings(): ExtensionSettings {
  const c = vscode.workspace.getConfiguration('llamacode');
  return {
    modelPath: c.get('modelPath', ''), gpuLayers: c.get('gpuLayers', 0), contextSize: c.get('contextSize', 4096),
    maxTokens: c.get('maxTokens', 128), explainMaxTokens: c.get('explainMaxTokens', 512), contextTokenBudget: c.get('contextTokenBudget', 0), fimLayout: c.get('fimLayout', 'spm'),
    projectLoader: effectiveProjectLoader(c.get('projectLoader', 'auto'), vscode.workspace.isTrusted),
    tokenHealing: c.get('tokenHealing', true), prefillTargetMs: c.get('prefillTargetMs', 300), logLevel: c.get('logLevel', 'info'), enable: c.get('enable', { '*': true }),
    backend: c.get('backend', 'local'), remoteModel: c.get('remoteModel', ''),
    endpoint: trustedValue(c.get('endpoint', ''), c.inspect<string>('endpoint')?.globalValue, vscode.workspace.isTrusted),
    apiKeyEnv: trustedValue(c.get('apiKeyEnv', ''), c.inspect<string>('apiKeyEnv')?.globalValue, vscode.workspace.isTrusted),
  };
}

/** A setting that names native code to run (server, natives); in an untrusted workspace, only from user settings. */
function trustedSetting(name: 'serverPath' | 'nativeDir'): string | undefined {
  const inspected = vscode.workspace.getConfiguration('llamacode').inspect<string>(name);
  return vscode.workspace.isTrusted ? vscode.workspace.getConfiguration('llamacode').get<string>(name) : inspected?.globalValue;
}

/** A zip may lose the executable bit of the bundled server: give it back (best effort). */
function ensureBundledExecutable(extensionPath: string): void {
  const bundled = path.join(extensionPath, 'server', process.platform === 'win32' ? 'llamacode.exe' : 'llamacode');
  try { if (fs.statSync(bundled).isFile()) fs.chmodSync(bundled, 0o755); } catch { /* not bundled */ }
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  ensureBundledExecutable(context.extensionPath);
  const located = locateServer({
    configured: trustedSetting('serverPath'), extensionPath: context.extensionPath, pathEnv: process.env.PATH, platform: process.platform,
    isExecutable: file => { try { fs.accessSync(file, fs.constants.X_OK); return fs.statSync(file).isFile(); } catch { return false; } },
  });
  if (!located.ok) {
    setStatus('error', located.message);
    output.appendLine(located.message);
    const choice = await vscode.window.showErrorMessage(located.message, 'Open Settings');
    if (choice) await vscode.commands.executeCommand('workbench.action.openSettings', 'llamacode.serverPath');
    return;
  }
  output.appendLine(`starting ${located.path} serve (${located.source})`);
  // Natives other than the bundled CPU ones (e.g. CUDA, docs/install.md): the server loads llama.cpp from this folder.
  const nativeDir = trustedSetting('nativeDir')?.trim();
  if (nativeDir) output.appendLine(`llama.cpp natives from ${nativeDir}`);
  const serverOptions: ServerOptions = {
    command: located.path, args: ['serve'],
    options: nativeDir ? { env: { ...process.env, LLAMACODE_NATIVE_DIR: nativeDir } } : undefined,
  };
  const settings = readSettings();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
    initializationOptions: toServerSettings(settings),
    // Files changed outside the editor (git checkout, codegen) keep the server's repository index current.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*') },
    outputChannel: output,
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        if (stopping) return { action: CloseAction.DoNotRestart, handled: true };
        const decision = policy.onCrash(Date.now());
        if (decision.restart) {
          setStatus('loading', `restarting in ${decision.delayMs} ms`);
          setTimeout(() => void start(context), decision.delayMs);
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        setStatus('error', decision.reason);
        void vscode.window.showErrorMessage(decision.reason, 'Show Logs').then(c => c && output.show());
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
    middleware: {
      provideInlineCompletionItems: async (document, position, ctx, token, next) => {
        if (!inlineEnabled || !isEnabledFor(readSettings().enable, document.languageId)) return null;
        const result = await next(document, position, ctx, token);
        void refreshStats();
        return result;
      },
      // The server's code action runs the explain command: show its stream in a panel.
      executeCommand: async (command, args, next) =>
        command === 'llamacode.explainSelection' && args[0]?.uri && args[0]?.range
          ? explain(vscode.Uri.parse(args[0].uri), new vscode.Range(args[0].range.start.line, args[0].range.start.character, args[0].range.end.line, args[0].range.end.character))
          : next(command, args),
    },
  };
  setStatus('loading');
  client = new LanguageClient('llamacode', 'LlamaCode', serverOptions, clientOptions);
  // In vscode-languageclient 10.0, textDocument/inlineCompletion is still among the "proposed" features.
  client.registerProposedFeatures();
  try {
    stopping = false;
    await client.start();
    setStatus('ready');
    void refreshStats();
    if (!settings.modelPath.trim()) void offerModelChoice();
  } catch (e) {
    setStatus('error', String(e));
  }
}

/** First run: no model configured, so offer the ones the server finds on this machine. */
async function offerModelChoice(): Promise<void> {
  const choice = await vscode.window.showInformationMessage('LlamaCode needs a GGUF model with fill-in-the-middle tokens (e.g. Code Llama).', 'Choose a GGUF model…');
  if (choice) await chooseModel();
}

/** Lists the GGUF files in the local stores (llamacode/models), FIM marked, and saves the choice to user settings. */
async function chooseModel(): Promise<void> {
  if (!client) { void vscode.window.showWarningMessage('LlamaCode: the server is not running.'); return; }
  let picks;
  try {
    const list = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'LlamaCode: looking for GGUF models' },
      () => client!.sendRequest<ModelList>('llamacode/models'));
    for (const note of list.notes) output.appendLine(`models: ${note}`);
    picks = toModelPicks(list);
  } catch (e) {
    void vscode.window.showErrorMessage(`LlamaCode could not list models: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  const browse = { label: '$(folder-opened) Browse…', description: 'a GGUF file elsewhere', detail: '', path: '' };
  const picked = await vscode.window.showQuickPick([...picks, browse], {
    title: 'Choose a GGUF model', matchOnDescription: true, matchOnDetail: true,
    placeHolder: picks.length ? 'Models found in Ollama, LM Studio, llama.cpp and Hugging Face stores (✓ = FIM tokens, needed for completion)' : 'No GGUF models found in the local stores',
  });
  let file = picked?.path;
  if (picked === browse) {
    const uris = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'GGUF model': ['gguf'] }, title: 'Choose a GGUF model' });
    file = uris?.[0]?.fsPath;
  }
  if (!file) return;
  await vscode.workspace.getConfiguration('llamacode').update('modelPath', file, vscode.ConfigurationTarget.Global);
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  stopping = true;
  try { await client?.stop(); } catch { /* it may be dead already */ }
  client = undefined;
  await start(context);
}

function setStatus(state: 'loading' | 'ready' | 'off' | 'error', detail = ''): void {
  status.text = { loading: '$(sync~spin) LlamaCode', ready: '$(check) LlamaCode', off: '$(circle-slash) LlamaCode', error: '$(error) LlamaCode' }[state];
  lastStatus = state;
  status.tooltip = detail || { loading: 'Starting the LlamaCode server', ready: 'LlamaCode is ready', off: 'Inline completions are off', error: 'LlamaCode: see the logs' }[state];
  status.command = state === 'error' ? 'llamacode.showLogs' : 'llamacode.toggleInlineCompletions';
  status.backgroundColor = state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
}

/** Shows the model, its backend and the last keystroke's latency in the status bar; the tooltip offers the table. */
async function refreshStats(): Promise<void> {
  try {
    const stats = await client?.sendRequest<Stats>('llamacode/stats');
    if (!stats || lastStatus !== 'ready' || !inlineEnabled) return;
    status.text = `$(check) LlamaCode · ${statusText(stats)}`;
    status.tooltip = new vscode.MarkdownString(`LlamaCode is ready. [Recent completions](command:llamacode.showStats) · [Choose a model](command:llamacode.chooseModel)`);
    status.tooltip.isTrusted = true;
  } catch { /* stats are only for display */ }
}

async function lastPromptText(): Promise<string> {
  const p = await client?.sendRequest<{ uri: string | null; layout: string | null; prefix: string | null; suffix: string | null; promptTokens: number;
    segments?: { kind: string; path: string; text: string }[] }>('llamacode/lastPrompt');
  if (!p?.uri) return 'No completion has been requested yet.';
  const context = (p.segments ?? []).filter(s => s.kind !== 'prefix' && s.kind !== 'suffix')
    .map(s => `## Context: ${s.kind} from ${s.path}\n\n\`\`\`\n${s.text}\`\`\`\n\n`).join('');
  return `# Last prompt (${p.layout}, ${p.promptTokens} tokens)\n\n${p.uri}\n\n${context}## Before the cursor\n\n\`\`\`\n${p.prefix}\n\`\`\`\n\n## After the cursor\n\n\`\`\`\n${p.suffix}\n\`\`\`\n`;
}

/** Runs llamacode.explainSelection and streams its progress reports into a panel. */
async function explain(uri: vscode.Uri, range: vscode.Range): Promise<string | undefined> {
  if (!client) return undefined;
  const panel = vscode.window.createWebviewPanel('llamacode.explain', 'LlamaCode: Explain', vscode.ViewColumn.Beside, {});
  const render = (text: string, done: boolean) => {
    const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    panel.webview.html = `<!DOCTYPE html><html><body><div id="explanation" data-done="${done}" style="white-space: pre-wrap; font-family: var(--vscode-editor-font-family)">${escaped}</div></body></html>`;
  };
  render('Explaining…', false);
  const token = `llamacode-explain-${Date.now()}`;
  const progress = client.onProgress(WorkDoneProgress.type, token, value => {
    if (value.kind === 'report' && value.message) render(value.message, false);
  });
  try {
    const text = await client.sendRequest(ExecuteCommandRequest.type, {
      command: 'llamacode.explainSelection',
      arguments: [{ uri: client.code2ProtocolConverter.asUri(uri), range: client.code2ProtocolConverter.asRange(range) }],
      workDoneToken: token,
    });
    render(String(text ?? ''), true);
    return String(text ?? '');
  } catch (e) {
    render(`LlamaCode could not explain the selection: ${e instanceof Error ? e.message : String(e)}`, true);
    return undefined;
  } finally {
    progress.dispose();
  }
}
