// The proofreader measured like a proofreader: known errors are injected into clean text (typos,
// confusion pairs, punctuation, numbers, numbering), the text is proofread once, and each error counts
// as caught when findings cover it and their fixes give the clean text back. Findings on the clean
// text itself are the checker's false alarms (unless a reader confirms them as real slips).
import type { CheckIndex } from '../../src/core/check';
import { FIXED_SLOT, hanCount, TWO_EDIT_MIN_CHARS } from '../../src/core/index';
import { lookAlikes, readings, segment, tagWords, type Lexicon } from '../../src/core/lexicon';
import { occurs } from '../../src/core/phrases';
import { applyFixes } from '../../src/core/proofread/proofread';
import { isHan } from '../../src/core/proofread/prose';
import { MISSPELLINGS } from '../../src/core/proofread/typoRules';
import type { ProofreadFinding } from '../../src/core/proofread/types';

/** What was injected: the report's rows. */
export const INJECTED_KINDS = {
  /** 提法 slips, inside a formulation the index knows (where it is fixed: inside quotes, items, not a plain phrase's ends). */
  // (Chosen in this order, each clear of those before: the kinds with the fewest sites first.)
  'formulation.swap': 'formulation',
  'formulation.deletion': 'formulation',
  'formulation.insertion': 'formulation',
  'formulation.two': 'formulation',
  'formulation.homophone': 'formulation',
  'formulation.char': 'formulation',
  'typo.confusion': 'typo',
  'typo.misspelling': 'typo',
  'typo.homophone': 'typo',
  'typo.shape': 'typo',
  punctuation: 'norm',
  number: 'norm',
  numbering: 'norm',
} as const;
export type InjectedKind = keyof typeof INJECTED_KINDS;

export interface Injection {
  kind: InjectedKind;
  /** What exactly (截至→截止, 地→的, ellipsis…): a finer row of the report. */
  rule: string;
  /** Offset in the clean text and the clean text there… */
  at: number;
  original: string;
  /** …and what the error writes instead. */
  replacement: string;
  /** Where a finding must point to count (default: the changed span): an unpaired mark's partner. */
  flagAt?: number;
  /** What a finding may cover (default the changed span): a 提法 slip's whole formulation. Kept clear of other injections. */
  extent?: [number, number];
}

export interface InjectedResult extends Injection {
  /** Offsets of the error in the injected text. */
  start: number;
  end: number;
  caught: boolean;
  /** Flagged, but the fix would not give the clean text back. */
  wrongFix: boolean;
}

const han = (ch: string | undefined) => ch !== undefined && isHan(ch.charCodeAt(0));
/** Characters an IME offers first: common ones (the wrong pick of a writer is a common character). */
const COMMON_CHAR = 1000;

/** Every place in `text` where an error of each kind can be injected. */
export function injectionSites(text: string, lexicon: Lexicon): Injection[] {
  const sites: Injection[] = [];
  const add = (kind: InjectedKind, rule: string, at: number, original: string, replacement: string, flagAt?: number) => sites.push({ kind, rule, at, original, replacement, flagAt });
  const each = (re: RegExp, f: (m: RegExpExecArray) => void) => {
    for (const m of text.matchAll(re)) f(m);
  };
  // Confusion pairs, where the clean text has the right word.
  each(/截至/g, (m) => add('typo.confusion', '截至→截止', m.index!, '截至', '截止'));
  each(/必须/g, (m) => add('typo.confusion', '必须→必需', m.index!, '必须', '必需'));
  each(/权力/g, (m) => add('typo.confusion', '权力→权利', m.index!, '权力', '权利'));
  each(/权利/g, (m) => add('typo.confusion', '权利→权力', m.index!, '权利', '权力'));
  each(/反映/g, (m) => add('typo.confusion', '反映→反应', m.index!, '反映', '反应'));
  each(/作出/g, (m) => add('typo.confusion', '作出→做出', m.index!, '作出', '做出'));
  each(/既(?=[要有能讲重抓当][^。；！？]{1,24}又)/g, (m) => add('typo.confusion', '既→即', m.index!, '既', '即'));
  each(/在(?=[^，。；、]{0,8}基础上)/g, (m) => add('typo.confusion', '在→再', m.index!, '在', '再'));
  each(/一再/g, (m) => add('typo.confusion', '一再→一在', m.index! + 1, '再', '在'));
  each(/再次/g, (m) => add('typo.confusion', '再次→在次', m.index!, '再', '在'));
  // 的/地/得 where jieba's tagger reads the particle (its HMM and tags are independent of the checker).
  let offset = 0;
  const tags = tagWords(text);
  for (let k = 0; k < tags.length; k++) {
    const t = tags[k];
    if (t.word === '地' && t.tag === 'uv' && han(text[offset - 1])) add('typo.confusion', '地→的', offset, '地', '的');
    if (t.word === '得' && t.tag === 'ud' && han(text[offset - 1]) && han(text[offset + 1])) add('typo.confusion', '得→的', offset, '得', '的');
    offset += t.word.length;
  }
  // Misspellings: the right form of a set phrase, written the wrong way the table knows.
  const wrongOf = new Map<string, string>();
  for (const [wrong, right] of Object.entries(MISSPELLINGS)) if (!wrongOf.has(right)) wrongOf.set(right, wrong);
  for (const [right, wrong] of wrongOf) for (let p = text.indexOf(right); p >= 0; p = text.indexOf(right, p + 1)) add('typo.misspelling', `${right}→${wrong}`, p, right, wrong);
  // Homophones and look-alikes in common words (as jieba segments them).
  for (const t of segment(text)) {
    if (t.word.length < 2 || t.word.length > 4 || ![...t.word].every((c) => han(c)) || !lexicon.isCommonWord(t.word, 200)) continue;
    for (let k = 0; k < t.word.length; k++) {
      add('typo.homophone', 'homophone', t.start + k, t.word[k], '');
      add('typo.shape', 'shape', t.start + k, t.word[k], '');
    }
  }
  // Punctuation.
  each(/(?<=[\u4e00-\u9fff])，(?=[\u4e00-\u9fff])/g, (m) => add('punctuation', '，→,', m.index!, '，', ','));
  each(/(?<=[\u4e00-\u9fff])。(?=\n|[\u4e00-\u9fff])/g, (m) => add('punctuation', '。→.', m.index!, '。', '.'));
  each(/(?<=[\u4e00-\u9fff])；(?=[\u4e00-\u9fff])/g, (m) => add('punctuation', '；→;', m.index!, '；', ';'));
  each(/“([^“”‘’\n]{1,20})”/g, (m) => {
    add('punctuation', '“”→""', m.index!, m[0], `"${m[1]}"`);
    add('punctuation', '” dropped', m.index! + m[0].length - 1, '”', '', m.index!);
  });
  each(/《[^《》\n]{1,30}》/g, (m) => add('punctuation', '》 dropped', m.index! + m[0].length - 1, '》', '', m.index!));
  each(/（[^（）\n]{1,30}）/g, (m) => {
    if (!/^（[一二三四五六七八九十\d]+）/.test(m[0])) add('punctuation', '） dropped', m.index! + m[0].length - 1, '）', '', m.index!);
  });
  each(/……/g, (m) => {
    add('punctuation', '……→...', m.index!, '……', '...');
    add('punctuation', '……→。。。', m.index!, '……', '。。。');
  });
  each(/——/g, (m) => add('punctuation', '——→--', m.index!, '——', '--'));
  each(/‘([^‘’“”\n]{1,20})’/g, (m) => add('punctuation', '‘’→“” nested', m.index!, m[0], `“${m[1]}”`));
  each(/、[^、，。；\n]{1,10}(?=等(?![级待同候于量价高距额分号次第]))/g, (m) => add('punctuation', '、等', m.index! + m[0].length, '', '、'));
  each(/(?<=[\u4e00-\u9fff])，(?=[\u4e00-\u9fff])/g, (m) => add('punctuation', '，，', m.index!, '，', '，，'));
  each(/(?<![第一二三四五六七八九十])([一二三四五六七八九])([二三四五六七八九十])(?=[个天年月日次人名位种项条家所倍岁])/g, (m) => {
    const digits = '一二三四五六七八九十';
    if (digits.indexOf(m[2]) === digits.indexOf(m[1]) + 1) add('punctuation', '三四个→三、四个', m.index! + 1, '', '、');
  });
  // Numbers.
  each(/[一二]〇[一二三四五六七八九〇]{2}(?=年)/g, (m) => add('number', '〇→零', m.index! + m[0].indexOf('〇'), '〇', '零'));
  each(/(\d+(?:\.\d+)?)%(?=[～~—-]\d+(?:\.\d+)?%)/g, (m) => add('number', '10%～20%→10～20%', m.index! + m[1].length, '%', ''));
  each(/(?<=\d)～(?=\d+(?:\.\d+)?[万亿个年天次])/g, (m) => add('number', '～→-', m.index!, '～', '-'));
  each(/(?<=\d)—(?=\d+[年月日])/g, (m) => add('number', '—→-', m.index!, '—', '-'));
  // Numbering: the last heading of a run counts on wrongly; forms written the wrong way.
  numberingSites(text, add);
  return sites;
}

function numberingSites(text: string, add: (kind: InjectedKind, rule: string, at: number, original: string, replacement: string) => void): void {
  const CN = '一二三四五六七八九十';
  const lines = text.split('\n');
  let offset = 0;
  const heads: { at: number; n: number; style: string; line: number }[] = [];
  lines.forEach((line, i) => {
    const m = /^([一二三四五六七八九])、|^（([一二三四五六七八九])）|^(\d)\.(?!\d)/.exec(line);
    if (m) heads.push({ at: offset, n: m[1] ? CN.indexOf(m[1]) + 1 : m[2] ? CN.indexOf(m[2]) + 1 : Number(m[3]), style: m[1] ? 'cn' : m[2] ? 'paren' : 'arabic', line: i });
    offset += line.length + 1;
  });
  for (let k = 0; k < heads.length; k++) {
    const h = heads[k];
    const digit = h.style === 'paren' ? 1 : 0;
    const write = (n: number) => (h.style === 'arabic' ? String(n) : CN[n - 1]);
    // The last of its run: the next heading of the same style is a new run (or there is none).
    const next = heads.slice(k + 1).find((x) => x.style === h.style);
    const last = !next || next.n === 1;
    if (last && h.n >= 2 && h.n < 9) {
      add('numbering', 'skipped', h.at + digit, write(h.n), write(h.n + 1));
      add('numbering', 'repeated', h.at + digit, write(h.n), write(h.n - 1));
    }
    if (h.style === 'cn') add('numbering', '一、→一.', h.at + 1, '、', '.');
    if (h.style === 'paren') add('numbering', '（一）→(一)', h.at, `（${CN[h.n - 1]}）`, `(${CN[h.n - 1]})`);
    if (h.style === 'arabic') add('numbering', '1.→1、', h.at + String(h.n).length, '.', '、');
  }
}

/** Words a writer adds inside a formulation (两个坚决维护) and characters an IME adds. */
const INSERTED = ['坚决', '切实', '全面', '深入', '更加', '不断', '新', '大', '好', '更'];

/**
 * 提法 slips in `text`: for each occurrence of a whole formulation of the index, one of each kind,
 * at a random place where the formulation is fixed (its slots), each a text the corpus never writes.
 * `common` are common characters (a random slip is one a writer could type), `byReading` the
 * common characters of each pinyin (an IME's homophones).
 */
function formulationSites(text: string, index: CheckIndex, rnd: () => number, common: string[], byReading: Map<string, string[]>): Injection[] {
  const sites: Injection[] = [];
  const pick = <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[Math.floor(rnd() * xs.length)] : undefined);
  const homophone = (ch: string) => pick([...readings(ch).flatMap((r) => byReading.get(r) ?? []), ...lookAlikes(ch)].filter((c) => c !== ch && han(c)));
  const seen = new Set<string>();
  for (const f of index.formulations.formulations) {
    if (f.form === 'part' || seen.has(f.text)) continue;
    seen.add(f.text);
    for (let p = text.indexOf(f.text); p >= 0; p = text.indexOf(f.text, p + f.text.length)) {
      const extent: [number, number] = [p, p + f.text.length];
      const fixed = [...f.text].map((c, i) => (f.slots[i] === FIXED_SLOT && han(c) ? i : -1)).filter((i) => i >= 0);
      // The variant must be new to the corpus: a wording it uses is no slip.
      const add = (kind: InjectedKind, rule: string, at: number, original: string, replacement: string) => {
        const variant = f.text.slice(0, at - p) + replacement + f.text.slice(at - p + original.length);
        if (!occurs(index.corpus, variant)) sites.push({ kind, rule, at, original, replacement, extent });
      };
      const one = pick(fixed);
      if (one !== undefined) {
        const random = pick(common.filter((c) => c !== f.text[one]).slice(0, 3000));
        if (random) add('formulation.char', f.form, p + one, f.text[one], random);
        const h = homophone(f.text[one]);
        if (h) add('formulation.homophone', f.form, p + one, f.text[one], h);
      }
      // Two characters: a word picked wrongly (two neighbours), or two apart, each typed for the other.
      if (hanCount(f.text) >= TWO_EDIT_MIN_CHARS) {
        const pairs = fixed.filter((i) => fixed.includes(i + 1));
        const a = rnd() < 0.5 ? pick(pairs) : pick(fixed);
        const b = a === undefined ? undefined : pairs.includes(a) && rnd() < 0.5 ? a + 1 : pick(fixed.filter((i) => i > a + 1));
        if (a !== undefined && b !== undefined) {
          const ha = homophone(f.text[a]);
          const hb = homophone(f.text[b]);
          if (ha && hb) add('formulation.two', b === a + 1 ? 'word' : 'apart', p + a, f.text.slice(a, b + 1), ha + f.text.slice(a + 1, b) + hb);
        }
      }
      // Inserted or dropped: inside quotes and items only (a plain phrase takes and drops words).
      if (f.form !== 'long') {
        const between = fixed.filter((i) => fixed.includes(i - 1));
        const at = pick(between);
        const word = pick(INSERTED);
        if (at !== undefined && word) add('formulation.insertion', word.length === 1 ? 'char' : 'word', p + at, '', word);
        const dropped = pick(fixed);
        if (dropped !== undefined && hanCount(f.text) > 4) add('formulation.deletion', f.form, p + dropped, f.text[dropped], '');
      }
      if (f.form === 'group') {
        const quoted = f.text.startsWith('“') && f.text.endsWith('”');
        const separator = /[、，；]/.exec(f.text)?.[0];
        if (!separator) continue;
        const items = (quoted ? f.text.slice(1, -1) : f.text).split(separator);
        const i = Math.floor(rnd() * items.length);
        const j = (i + 1 + Math.floor(rnd() * (items.length - 1))) % items.length;
        [items[i], items[j]] = [items[j], items[i]];
        const swapped = quoted ? `“${items.join(separator)}”` : items.join(separator);
        if (swapped !== f.text) add('formulation.swap', `${items.length} items`, p, f.text, swapped);
      }
    }
  }
  return sites;
}

/** A homophone or look-alike for the character at a site: common, and making no dictionary word. */
function typoReplacement(site: Injection, text: string, lexicon: Lexicon, rnd: () => number, byReading: Map<string, string[]>): string | undefined {
  const ch = site.original;
  const options = site.kind === 'typo.homophone' ? readings(ch).flatMap((r) => byReading.get(r) ?? []).filter((c) => c !== ch) : [...lookAlikes(ch)];
  if (!options.length) return undefined;
  // The IME's order: common characters first (weighted by log count).
  const weights = options.map((c) => Math.log(Math.max(2, lexicon.wordFrequency(c))));
  let r = rnd() * weights.reduce((a, b) => a + b, 0);
  let pick = options[options.length - 1];
  for (let i = 0; i < options.length; i++) if ((r -= weights[i]) <= 0) { pick = options[i]; break; }
  // The word around it must not become another dictionary word (that would be a different error class).
  let a = site.at, b = site.at + 1;
  while (a > 0 && han(text[a - 1]) && b - a < 4) a--;
  while (b < text.length && han(text[b]) && b - a < 7) b++;
  for (let s = a; s <= site.at; s++)
    for (let e = site.at + 1; e <= b; e++) {
      if (e - s < 2) continue;
      const w = text.slice(s, site.at) + pick + text.slice(site.at + 1, e);
      if (lexicon.wordFrequency(w) > 0) return undefined;
    }
  return pick;
}

/**
 * Up to `perKind` errors of each kind in `text`, at least `gap` characters apart, the rules of each
 * kind taken in turn so a frequent rule does not crowd out the rest.
 */
export function chooseInjections(text: string, lexicon: Lexicon, rnd: () => number, perKind: number, gap = 24, index?: CheckIndex): Injection[] {
  const byReading = new Map<string, string[]>();
  const common: string[] = [];
  for (const [w, n] of lexicon.frequencies.entries(COMMON_CHAR)) {
    if (w.length !== 1 || !han(w) || n < COMMON_CHAR) continue;
    common.push(w);
    for (const r of readings(w)) (byReading.get(r) ?? byReading.set(r, []).get(r)!).push(w);
  }
  const sites = [...(index ? formulationSites(text, index, rnd, common, byReading) : []), ...injectionSites(text, lexicon)];
  const chosen: Injection[] = [];
  const extent = (s: Injection): [number, number] => s.extent ?? [s.at, s.at + Math.max(1, s.original.length)];
  const apart = (a: [number, number], b: [number, number]) => a[1] + gap <= b[0] || b[1] + gap <= a[0];
  const free = (s: Injection) => chosen.every((c) => apart(extent(c), extent(s)) && (c.flagAt === undefined || Math.abs(c.flagAt - s.at) >= gap) && (s.flagAt === undefined || Math.abs(s.flagAt - c.at) >= gap));
  for (const kind of Object.keys(INJECTED_KINDS) as InjectedKind[]) {
    const byRule = new Map<string, Injection[]>();
    for (const s of sites) if (s.kind === kind) (byRule.get(s.rule) ?? byRule.set(s.rule, []).get(s.rule)!).push(s);
    const rules = [...byRule.values()];
    let taken = 0;
    for (let round = 0; taken < perKind && rules.some((r) => r.length) && round < perKind * 4; round++) {
      const pool = rules[round % rules.length];
      if (!pool.length) continue;
      const s = pool.splice(Math.floor(rnd() * pool.length), 1)[0];
      if (!free(s)) continue;
      if (kind === 'typo.homophone' || kind === 'typo.shape') {
        const r = typoReplacement(s, text, lexicon, rnd, byReading);
        if (!r) continue;
        s.replacement = r;
      }
      chosen.push(s);
      taken++;
    }
  }
  return chosen.sort((a, b) => a.at - b.at);
}

/** The clean text with the injections applied, and where each ended up. */
export function inject(text: string, injections: readonly Injection[]): { text: string; at: { start: number; end: number; flag?: number }[] } {
  let out = '';
  let from = 0;
  const at: { start: number; end: number; flag?: number }[] = [];
  const shift: [number, number][] = [];
  for (const s of injections) {
    out += text.slice(from, s.at);
    const start = out.length;
    out += s.replacement;
    at.push({ start, end: out.length });
    shift.push([s.at + s.original.length, out.length - (s.at + s.original.length)]);
    from = s.at + s.original.length;
  }
  out += text.slice(from);
  // A flagged partner (an unpaired mark's opener) lies before its site, moved by the sites before it.
  injections.forEach((s, i) => {
    if (s.flagAt === undefined) return;
    let delta = 0;
    for (const [pos, d] of shift) if (pos <= s.flagAt) delta = d;
    at[i].flag = s.flagAt + delta;
  });
  return { text: out, at };
}

export interface DocumentReport {
  id: string;
  chars: number;
  /** Findings on the clean text. */
  clean: ProofreadFinding[];
  injected: InjectedResult[];
  /** Findings on the injected text that neither match an injection nor were on the clean text. */
  induced: ProofreadFinding[];
  /** Findings on the injected text that caught an injection. */
  caughtBy: ProofreadFinding[];
}

/** Proofreads a clean document and a copy with `injections`; matches findings to them. */
export function evaluateDocument(id: string, clean: string, injections: Injection[], check: (text: string) => ProofreadFinding[]): DocumentReport {
  const cleanFindings = check(clean);
  const { text, at } = inject(clean, injections);
  const findings = check(text);
  const used = new Set<ProofreadFinding>();
  const injected: InjectedResult[] = injections.map((s, i) => {
    const { start, end, flag } = at[i];
    const lo = flag ?? (start === end ? start - 1 : start);
    const hi = flag !== undefined ? flag + 1 : start === end ? end + 1 : end;
    const hits = findings.filter((f) => f.start < hi && lo < f.end + (f.start === f.end ? 1 : 0));
    hits.forEach((f) => used.add(f));
    let caught = false;
    if (hits.length) {
      if (flag !== undefined) caught = hits.some((f) => f.code === 'punctuation.unpaired');
      // The fixes of the findings there undo this error exactly (and change nothing else).
      else caught = applyFixes(text, hits, () => true) === text.slice(0, start) + s.original + text.slice(end);
    }
    return { ...s, start, end, caught, wrongFix: hits.length > 0 && !caught };
  });
  // A finding that was already there on the clean text (same code and text, moved by the injections) is not induced.
  const before = new Map<string, number>();
  for (const f of cleanFindings) before.set(`${f.code}|${clean.slice(f.start, f.end)}|${f.fix}`, (before.get(`${f.code}|${clean.slice(f.start, f.end)}|${f.fix}`) ?? 0) + 1);
  const induced: ProofreadFinding[] = [];
  for (const f of findings) {
    if (used.has(f)) continue;
    const key = `${f.code}|${text.slice(f.start, f.end)}|${f.fix}`;
    const n = before.get(key) ?? 0;
    if (n > 0) before.set(key, n - 1);
    else induced.push(f);
  }
  return { id, chars: clean.length, clean: cleanFindings, injected, induced, caughtBy: [...used] };
}
