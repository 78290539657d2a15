// The status bar text and the stats table, from the server's llamacode/stats (version 1). Pure: tested in Node.

export interface ServedRequest {
  uri: string; source: string; promptTokens: number; cachedTokens: number; decodedTokens: number; generatedTokens: number;
  timeToFirstTokenMs: number; totalMs: number; at: string;
}
export interface Stats { version: number; requests: ServedRequest[]; model?: string | null; backend?: string | null }

/** "model · backend · 123 ms": what serves the completions and what the last keystroke cost. */
export function statusText(stats: Stats): string {
  const last = stats.requests.filter(r => r.source === 'model').at(-1);
  const model = stats.model ? stats.model.replace(/\.gguf$/i, '') : 'no model';
  return [model, stats.backend, last ? `${Math.round(last.totalMs)} ms` : undefined].filter(Boolean).join(' · ');
}

/** The recent requests, newest first, as a Markdown table. */
export function statsTable(stats: Stats, limit = 50): string {
  const rows = stats.requests.slice(-limit).reverse().map(r => {
    const cached = r.promptTokens > 0 ? `${Math.round((100 * r.cachedTokens) / r.promptTokens)}%` : '';
    const file = r.uri.split('/').at(-1) ?? r.uri;
    return `| ${new Date(r.at).toLocaleTimeString()} | ${file} | ${r.source} | ${r.promptTokens} | ${cached} | ${r.generatedTokens} | ${Math.round(r.timeToFirstTokenMs)} | ${Math.round(r.totalMs)} |`;
  });
  return [
    `# LlamaCode: recent completions`,
    '',
    `Model: ${stats.model ?? 'none loaded'}${stats.backend ? ` (${stats.backend})` : ''}`,
    '',
    '| time | file | source | prompt tokens | cached | generated | first token ms | total ms |',
    '|---|---|---|---:|---:|---:|---:|---:|',
    ...rows,
    rows.length === 0 ? '\nNo completion has been requested yet.' : '',
  ].join('\n');
}
