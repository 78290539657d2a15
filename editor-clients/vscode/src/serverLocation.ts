// Where the llamacode executable is: the setting, else the server bundled in the extension, else PATH.
// Pure (the file system is passed in): tested in Node without VS Code.
import * as path from 'node:path';

export interface LocateInput {
  /** The llamacode.serverPath setting, from a place the workspace trust allows (see extension.ts). */
  configured: string | undefined;
  extensionPath: string;
  pathEnv: string | undefined;
  platform: NodeJS.Platform;
  isExecutable: (file: string) => boolean;
}

export type Located = { ok: true; path: string; source: 'setting' | 'bundled' | 'PATH' } | { ok: false; message: string };

export function locateServer(input: LocateInput): Located {
  const exe = input.platform === 'win32' ? 'llamacode.exe' : 'llamacode';
  const configured = input.configured?.trim();
  if (configured) {
    return input.isExecutable(configured)
      ? { ok: true, path: configured, source: 'setting' }
      : { ok: false, message: `The llamacode.serverPath setting points at '${configured}', which is not an executable file. Fix the setting, or clear it to use the bundled server or llamacode on PATH.` };
  }
  const bundled = path.join(input.extensionPath, 'server', exe);
  if (input.isExecutable(bundled)) return { ok: true, path: bundled, source: 'bundled' };
  for (const dir of (input.pathEnv ?? '').split(input.platform === 'win32' ? ';' : ':')) {
    if (!dir) continue;
    const candidate = path.join(dir, exe);
    if (input.isExecutable(candidate)) return { ok: true, path: candidate, source: 'PATH' };
  }
  return {
    ok: false,
    message: 'The LlamaCode server (llamacode) was not found: it is not bundled with this extension and not on PATH. ' +
      'Install the extension for your platform (it bundles the server), or `dotnet tool install -g llamacode`, or set llamacode.serverPath.',
  };
}
