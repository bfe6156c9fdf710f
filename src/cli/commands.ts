// The table of CLI commands. Add a command by adding its module here.
export interface CliCommand {
  summary: string;
  run(args: string[]): Promise<number>;
}

export const commands: Record<string, CliCommand> = {};
