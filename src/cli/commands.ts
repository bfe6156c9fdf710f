// The table of CLI commands. Add a command by adding its module here.
import * as docs from './docs';
import * as outline from './outline';
import * as complete from './complete';
import * as phrases from './phrases';
import * as search from './search';
import * as related from './related';
import * as check from './check';
import * as exportDocx from './export';
import * as importDocx from './import';
import * as proofread from './proofread';
export interface CliCommand {
  summary: string;
  run(args: string[]): Promise<number>;
}

export const commands: Record<string, CliCommand> = {
  docs: { summary: '列出语料中的讲稿 list the speeches (--json, --corpus DIR, --no-default-corpus)', run: docs.run },
  outline: { summary: '显示一篇讲稿的提纲 print one speech outline: outline <title-or-index>', run: outline.run },
  complete: { summary: '补全服务（JSON 行）completion server, JSON lines on stdin/stdout (--inline, --top N, --eagerness quiet|normal|eager)', run: complete.run },
  phrases: { summary: '列出常用语、排比、引语 list mined stock phrases, parallel groups, quotations (--top N, --json)', run: phrases.run },
  check: { summary: '全文校对 提法 slips, typos, punctuation, numbers, numbering of a draft: check <file> (--markdown, --kinds K,…, --json; exit 1 if any)', run: check.run },
  proofread: { summary: '全文校对 the same as check (an alias)', run: proofread.run },
  export: { summary: '导出为 Word export a draft as a .docx: export <draft> (--format gongwen|speech, -o FILE, --pages)', run: exportDocx.run },
  import: { summary: '从 Word 文件新建草稿 a .docx as a Markdown draft: import <file.docx> (-o FILE)', run: importDocx.run },
  search: { summary: '搜索素材库 search the speeches for sentences and paragraphs: search <keywords…> (--top N, --json)', run: search.run },
  related: { summary: '相关素材 the paragraphs most related to a text: related --text "…" (--top N, --json)', run: related.run },
};
