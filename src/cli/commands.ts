// The table of CLI commands. Add a command by adding its module here.
import * as docs from './docs';
import * as outline from './outline';
import * as complete from './complete';
import * as phrases from './phrases';
import * as search from './search';
import * as related from './related';
import * as check from './check';
export interface CliCommand {
  summary: string;
  run(args: string[]): Promise<number>;
}

export const commands: Record<string, CliCommand> = {
  docs: { summary: '列出语料中的讲稿 list the speeches (--json, --corpus DIR, --no-default-corpus)', run: docs.run },
  outline: { summary: '显示一篇讲稿的提纲 print one speech outline: outline <title-or-index>', run: outline.run },
  complete: { summary: '补全服务（JSON 行）completion server, JSON lines on stdin/stdout (--inline, --top N)', run: complete.run },
  phrases: { summary: '列出常用语、排比、引语 list mined stock phrases, parallel groups, quotations (--top N, --json)', run: phrases.run },
  check: { summary: '提法核对 flag near-misses of the corpus\'s stock formulations: check <file> (--json; exit 1 if any)', run: check.run },
  search: { summary: '搜索素材库 search the speeches for sentences and paragraphs: search <keywords…> (--top N, --json)', run: search.run },
  related: { summary: '相关素材 the paragraphs most related to a text: related --text "…" (--top N, --json)', run: related.run },
};
