// `check <file>`: 全文校对 — 提法 slips against the corpus's formulations (做到“两个拥护” → 做到“两个维护”,
// 社会注意思想 → 社会主义思想), typos (with the corpus's evidence), punctuation (GB/T 15834), numbers
// (GB/T 15835) and numbering, listed by line and column with a count per kind. `proofread` is the
// same command. Exit code 1 when something was found, as linters do. Messages are worded here, from
// each finding's code and parameters.
import { checkDraft } from '../core/check';
import { loadLexicon } from '../core/lexicon';
import { Proofreader, PROOFREAD_KINDS, type ProofreadCode, type ProofreadFinding, type ProofreadKind } from '../core/proofread';
import { ArgReader } from './args';
import { loadCliIndex } from './docs';
import { displayName, readDraft } from './draftFile';

const KIND_NAMES: Record<ProofreadKind, string> = { formulation: '提法', typo: '错别字', punctuation: '标点', number: '数字', numbering: '序号' };
const CHANNELS: Record<string, string> = { homophone: '同音', fuzzyPinyin: '近音', nearPinyin: '拼音近似', shape: '形近' };

const FORMULATION = '「{found}」应为「{expected}」（素材库中 {speeches} 篇、{count} 次{example}）';
const MESSAGES: Record<ProofreadCode, string> = {
  'formulation.substitution': FORMULATION,
  'formulation.insertion': FORMULATION,
  'formulation.deletion': FORMULATION,
  'formulation.transposition': FORMULATION,
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
  const params: Record<string, string> = { ...f.params, channel: CHANNELS[f.params.channel] ?? f.params.channel ?? '', example: f.params.title ? `，如《${f.params.title}》` : '' };
  return MESSAGES[f.code].replace(/\{(\w+)\}/g, (_m, k: string) => params[k] ?? '');
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

const USAGE = 'check <file> [--corpus DIR]... [--no-default-corpus] [--markdown] [--kinds formulation,typo,punctuation,number,numbering] [--json]';

export async function run(args: string[]): Promise<number> {
  const reader = new ArgReader(args);
  const corpusArgs = reader.corpus();
  const json = reader.flag('--json');
  const markdownFlag = reader.flag('--markdown');
  const kindsArg = reader.one('--kinds');
  const files = reader.positionals();
  if (files.length !== 1) throw new Error(`check needs one draft file: ${USAGE}`);
  const kinds = kindsArg ? kindsArg.split(',').map((k) => k.trim()) : [...PROOFREAD_KINDS];
  const unknown = kinds.find((k) => !(PROOFREAD_KINDS as readonly string[]).includes(k));
  if (unknown) throw new Error(`--kinds takes ${PROOFREAD_KINDS.join(',')} (got ${unknown})`);
  const file = files[0];
  const draft = readDraft(file);
  const markdown = markdownFlag || /\.(md|markdown)$/i.test(file);

  const index = await loadCliIndex(corpusArgs);
  const speeches = index.documents.length;
  if (!speeches && kinds.includes('formulation')) process.stderr.write('素材库为空，无从核对提法 the corpus is empty: no 提法 to check against (--corpus DIR)\n');
  const findings = checkDraft(speeches ? index : undefined, draft, new Proofreader(loadLexicon), { markdown, kinds: kinds as ProofreadKind[] });
  const lineStarts = [0];
  for (let i = draft.indexOf('\n'); i >= 0; i = draft.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const counts = Object.fromEntries(PROOFREAD_KINDS.map((k) => [k, findings.filter((f) => f.kind === k).length])) as Record<ProofreadKind, number>;
  const formulations = index.formulations.formulations.length;
  if (json) {
    const out = findings.map((f) => ({ ...position(lineStarts, f.start), length: f.end - f.start, kind: f.kind, code: f.code, message: message(f), params: f.params, fix: f.fix ?? null, safe: f.safe }));
    process.stdout.write(JSON.stringify({ file, chars: draft.length, speeches, formulations, counts, findings: out }, null, 2) + '\n');
  } else {
    const name = displayName(file);
    for (const f of findings) {
      const { line, column } = position(lineStarts, f.start);
      const fix = f.fix === undefined ? '' : f.fix ? `  → ${f.fix}` : '  → 删除';
      process.stdout.write(`${name}:${line}:${column}  [${KIND_NAMES[f.kind]}] ${message(f)}${fix}\n`);
    }
    const summary = PROOFREAD_KINDS.map((k) => `${KIND_NAMES[k]} ${counts[k]}`).join('，');
    const against = `对照 ${speeches} 篇讲稿中的 ${formulations} 条常用提法`;
    process.stdout.write(findings.length ? `共 ${findings.length} 处：${summary}（${findings.filter((f) => f.safe).length} 处可安全地一并修正；${against}）\n` : `未发现问题 nothing found（${against}）\n`);
  }
  return findings.length ? 1 : 0;
}
