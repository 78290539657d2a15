// The extension's settings (llamacode.*) → the server's initializationOptions / didChangeConfiguration settings.
// Pure: tested in Node without VS Code.

export type ProjectLoader = 'auto' | 'msbuild' | 'files';
export type Backend = 'local' | 'llama-server' | 'openai' | 'ollama';

export interface ExtensionSettings {
  modelPath: string;
  gpuLayers: number;
  contextSize: number;
  maxTokens: number;
  explainMaxTokens: number;
  contextTokenBudget: number;
  fimLayout: 'spm' | 'psm';
  projectLoader: ProjectLoader;
  tokenHealing: boolean;
  prefillTargetMs: number;
  logLevel: 'error' | 'warning' | 'info' | 'debug';
  enable: Record<string, boolean>;
  backend: Backend;
  endpoint: string;
  apiKeyEnv: string;
  remoteModel: string;
}

/** The settings section the server reads (docs/configuration.md). Empty strings mean "not set". */
export function toServerSettings(s: ExtensionSettings): { llamacode: Record<string, unknown> } {
  return {
    llamacode: {
      modelPath: s.modelPath.trim() === '' ? null : s.modelPath.trim(),
      gpuLayers: s.gpuLayers,
      contextSize: s.contextSize,
      maxTokens: s.maxTokens,
      explainMaxTokens: s.explainMaxTokens,
      contextTokenBudget: s.contextTokenBudget,
      fimLayout: s.fimLayout,
      projectLoader: s.projectLoader,
      tokenHealing: s.tokenHealing,
      prefillTargetMs: s.prefillTargetMs,
      logLevel: s.logLevel,
      backend: s.backend,
      endpoint: orNull(s.endpoint),
      apiKeyEnv: orNull(s.apiKeyEnv),
      remoteModel: orNull(s.remoteModel),
    },
  };
}

function orNull(s: string): string | null {
  return s.trim() === '' ? null : s.trim();
}

/**
 * A setting that sends data somewhere (the inference endpoint, the variable whose token goes with it): in an
 * untrusted workspace only the user's own value counts, so a cloned repository cannot send an environment variable
 * to a server of its choosing.
 */
export function trustedValue(value: string, userValue: string | undefined, workspaceTrusted: boolean): string {
  return workspaceTrusted ? value : (userValue ?? '');
}

/** Whether inline completions are on for a language: its own entry, else "*", else on. */
export function isEnabledFor(enable: Record<string, boolean>, languageId: string): boolean {
  if (languageId in enable) return enable[languageId] === true;
  if ('*' in enable) return enable['*'] === true;
  return true;
}

/**
 * How the server may load the workspace's projects: MSBuild evaluation runs code from the project files, so an
 * untrusted workspace gets only the project-file reader, whatever the setting says.
 */
export function effectiveProjectLoader(setting: ProjectLoader, workspaceTrusted: boolean): ProjectLoader {
  return workspaceTrusted ? setting : 'files';
}

/** The settings whose change needs a server restart rather than didChangeConfiguration (read once at start). */
export function needsRestart(changed: (section: string) => boolean): boolean {
  return changed('llamacode.serverPath') || changed('llamacode.nativeDir') || changed('llamacode.projectLoader');
}
