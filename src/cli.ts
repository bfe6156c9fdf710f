// The engine from the shell: `node dist/cli.js <command> [options]`.
// Each command lives in src/cli/<command>.ts and exports `run(args): Promise<number>` (exit code).
import { UsageError } from './cli/args';
import { commands } from './cli/commands';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    const list = Object.entries(commands)
      .map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`)
      .join('\n');
    process.stderr.write(
      `usage: node dist/cli.js <command> [options]\n\ncommands:\n${list}\n\n` +
        'corpus options (every command): --corpus DIR (repeatable), --no-default-corpus, --max-file-mb N (skip larger files; default 256)\n',
    );
    return name ? 2 : 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
