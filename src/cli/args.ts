// Small, strict argument parsing shared by the CLI commands.
import { MAX_FILE_MB } from '../core/corpus';

export interface CorpusArgs {
  corpus: string[];
  noDefaultCorpus: boolean;
  /** --max-file-mb N: larger corpus files are skipped (default: the engine's limit). */
  maxFileBytes?: number;
}

/** A command line the command can't run: exit code 2 (as for an unknown command), a one-line message. */
export class UsageError extends Error {}

export class ArgReader {
  private readonly rest: string[];
  constructor(args: string[]) {
    this.rest = [...args];
  }
  /** Removes and returns every value of a repeatable option (`--corpus A --corpus B`). */
  many(name: string): string[] {
    const out: string[] = [];
    for (let i = this.rest.indexOf(name); i >= 0; i = this.rest.indexOf(name)) {
      const v = this.rest[i + 1];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
      out.push(v);
      this.rest.splice(i, 2);
    }
    return out;
  }
  one(name: string): string | undefined {
    const all = this.many(name);
    return all.length ? all[all.length - 1] : undefined;
  }
  flag(name: string): boolean {
    const i = this.rest.indexOf(name);
    if (i < 0) return false;
    this.rest.splice(i, 1);
    return true;
  }
  corpus(): CorpusArgs {
    const maxFileMB = this.one('--max-file-mb');
    const mb = Number(maxFileMB);
    if (maxFileMB !== undefined && !(/^\d+(\.\d+)?$/.test(maxFileMB) && mb >= MAX_FILE_MB.min && mb <= MAX_FILE_MB.max)) {
      throw new UsageError(`--max-file-mb takes megabytes from ${MAX_FILE_MB.min} to ${MAX_FILE_MB.max} (got ${maxFileMB})`);
    }
    return {
      corpus: this.many('--corpus'),
      noDefaultCorpus: this.flag('--no-default-corpus'),
      ...(maxFileMB === undefined ? {} : { maxFileBytes: Math.round(mb * 1024 * 1024) }),
    };
  }
  /** The value of `name`, one of `choices` (each named with what it means), or `fallback` when the option is absent. */
  choice<T extends string>(name: string, choices: Readonly<Record<T, string>>, fallback: T): T {
    const value = this.one(name);
    if (value === undefined) return fallback;
    if (Object.hasOwn(choices, value)) return value as T;
    const named = Object.entries<string>(choices).map(([k, meaning]) => `${k} (${meaning})`);
    throw new UsageError(`${name} is ${named.slice(0, -1).join(', ')} or ${named[named.length - 1]}, not ${JSON.stringify(value)}`);
  }
  /** What is left after options were taken; unknown options are an error. */
  positionals(): string[] {
    const unknown = this.rest.find((a) => a.startsWith('--'));
    if (unknown) throw new UsageError(`unknown option ${unknown}`);
    return this.rest;
  }
}
