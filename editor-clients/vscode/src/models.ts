// The "Choose a GGUF model…" list from the server's llamacode/models (version 1). Pure: tested in Node without VS Code.

export interface ModelEntry {
  name: string; path: string; store: string; sizeBytes: number; architecture: string | null; fim: boolean; detail: string;
}
export interface ModelList { version: number; models: ModelEntry[]; notes: string[] }

export interface ModelPick { label: string; description: string; detail: string; path: string }

const storeNames: Record<string, string> = { ollama: 'Ollama', lmstudio: 'LM Studio', llamacpp: 'llama.cpp cache', huggingface: 'Hugging Face' };

/** Models that can complete (with FIM tokens) first, each marked; the rest say why they cannot. */
export function toModelPicks(list: ModelList): ModelPick[] {
  if (list.version !== 1) throw new Error(`llamacode/models version ${list.version} is not supported by this extension (expected 1)`);
  return [...list.models]
    .sort((a, b) => Number(b.fim) - Number(a.fim) || a.name.localeCompare(b.name))
    .map(m => ({
      label: m.fim ? `$(check) ${m.name}` : m.name,
      description: `${m.fim ? 'FIM' : 'no FIM tokens'} · ${(m.sizeBytes / 2 ** 30).toFixed(1)} GiB · ${storeNames[m.store] ?? m.store}`,
      detail: m.fim ? m.path : `${m.detail}: it cannot fill in the middle — ${m.path}`,
      path: m.path,
    }));
}
