// Types of scripts/code-server.mjs, for the TypeScript end-to-end harness.
export declare const projectRoot: string;
export declare const codeServerPrefix: string;
export declare const vsixPath: string;
export declare const quietUserSettings: Record<string, unknown>;
export declare function ensureCodeServer(): string;
export declare function packageExtension(): { vsix: string; bytes: number; ms: number };
export declare function writeUserSettings(userDataDir: string, extra?: Record<string, unknown>): void;
export declare function codeServerEnv(home: string): NodeJS.ProcessEnv;
export declare function installExtension(
  codeServer: string,
  vsix: string,
  dirs: { userDataDir: string; extensionsDir: string; env: NodeJS.ProcessEnv },
): void;
export declare function codeServerArgs(options: {
  port: number;
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
  locale?: string;
}): string[];
export declare function waitForHealthz(port: number, timeoutMs?: number, isAlive?: () => boolean): Promise<void>;
export declare function installLocalePack(
  codeServer: string,
  locale: string,
  dirs: { scratchDir: string; userDataDir: string; extensionsDir: string; env: NodeJS.ProcessEnv },
): void;
export declare function workbenchUrl(port: number, workspace: string, openFile?: string): string;
