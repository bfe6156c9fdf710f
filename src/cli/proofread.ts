// `proofread <file>`: 全文校对 — typos, punctuation (GB/T 15834), numbers (GB/T 15835) and numbering
// of a draft, listed by line and column, with a count per kind. Exit code 1 when something was
// found, as linters do. The messages are worded here, from each finding's code and parameters.
import { PROOFREAD_KINDS, proofread, type ProofreadCode, type ProofreadFinding, type ProofreadKind } from '../core/proofread';
import { ArgReader } from './args';
import { displayName, readDraft } from './draftFile';

const KIND_NAMES: Record<ProofreadKind, string> = { typo: '错别字', punctuation: '标点', number: '数字', numbering: '序号' };
const CHANNELS: Record<string, string> = { homophone: '同音', fuzzyPinyin: '近音', nearPinyin: '拼音近似', shape: '形近' };

const MESSAGES: Record<ProofreadCode, string> = {
  'typo.confusion': '「{found}」应为「{expected}」',
  'typo.misspelling': '「{found}」应为「{expected}」',
  'typo.word': '「{found}」疑为「{expected}」（{channel}）',
  'punctuation.halfWidth': '中文里的半角「{found}」应为全角「{expected}」',
  'punctuation.straightQuotes': '直引号「{found}」应为「{expected}」',
  'punctuation.unpaired': '「{mark}」缺少配对的「{partner}」',
  'punctuation.ellipsis': '省略号应为「{expected}」，不是「{found}」',
  'punctuation.dash': '破折号应为「{expected}」，不是「{found}」',
  'punctuation.nestedQuotes': '引号里的引号应为单引号「{expected}」',
  'punctuation.enumerationBeforeDeng': '「等」前不用顿号',
  'punctuation.repeated': '标点「{expected}」重复了',
  'punctuation.approximateNumber': '相邻两数表示概数，中间不用顿号',
  'number.shortYear': '年份「{found}」不能简写',
  'number.yearZero': '年份中的零写作「〇」：「{expected}」',
  'number.yearStyle': '全文年份用阿拉伯数字，「{found}」宜统一',
  'number.percentRange': '百分数范围的前一个「%」不能省略（{range}）',
  'number.rangeMark': '范围应用「{expected}」连接，不用「{found}」',
  'numbering.form': '序号「{found}」应写作「{expected}」',
  'numbering.skipped': '序号跳过了：此处应为「{expected}」，不是「{found}」',
  'numbering.repeated': '序号重复了：此处应为「{expected}」',
  'numbering.levelOrder': '序号层级颠倒：「{found}」在「{after}」之下',
};

export function message(f: ProofreadFinding): string {
  const params = { ...f.params, channel: CHANNELS[f.params.channel] ?? f.params.channel ?? '' };
  return MESSAGES[f.code].replace(/\{(\w+)\}/g, (_m, k: string) => params[k as keyof typeof params] ?? '');
}

/** 1-based line and column (UTF-16 units, as editors count) of an offset, from the offsets lines start at. */
function position(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0, hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
}

export async function run(args: string[]): Promise<number> {
  const reader = new ArgReader(args);
  const json = reader.flag('--json');
  const markdownFlag = reader.flag('--markdown');
  const files = reader.positionals();
  if (files.length !== 1) throw new Error('proofread needs one draft file: proofread <file> [--markdown] [--json]');
  const file = files[0];
  const draft = readDraft(file);
  const markdown = markdownFlag || /\.(md|markdown)$/i.test(file);
  const findings = proofread(draft, { markdown });
  const lineStarts = [0];
  for (let i = draft.indexOf('\n'); i >= 0; i = draft.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const counts = Object.fromEntries(PROOFREAD_KINDS.map((k) => [k, findings.filter((f) => f.kind === k).length])) as Record<ProofreadKind, number>;
  if (json) {
    const out = findings.map((f) => ({ ...position(lineStarts, f.start), length: f.end - f.start, kind: f.kind, code: f.code, message: message(f), params: f.params, fix: f.fix ?? null, safe: f.safe }));
    process.stdout.write(JSON.stringify({ file, chars: draft.length, counts, findings: out }, null, 2) + '\n');
  } else {
    const name = displayName(file);
    for (const f of findings) {
      const { line, column } = position(lineStarts, f.start);
      const fix = f.fix === undefined ? '' : f.fix ? `  → ${f.fix}` : '  → 删除';
      process.stdout.write(`${name}:${line}:${column}  [${KIND_NAMES[f.kind]}] ${message(f)}${fix}\n`);
    }
    const summary = PROOFREAD_KINDS.map((k) => `${KIND_NAMES[k]} ${counts[k]}`).join('，');
    process.stdout.write(findings.length ? `共 ${findings.length} 处：${summary}（${findings.filter((f) => f.safe).length} 处可安全地一并修正）\n` : '未发现问题 nothing found\n');
  }
  return findings.length ? 1 : 0;
}
