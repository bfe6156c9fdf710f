// 全文校对: every checker over a draft, in one list in text order without overlaps. The typo check
// (the only costly one: segmentation and candidate scoring) is cached per paragraph, so re-checking a
// draft after an edit re-reads only the paragraphs that changed; the rest (punctuation, numbers,
// numbering) reads the whole draft in a few milliseconds and sees across paragraphs.
import { loadLexicon, type Lexicon } from '../lexicon';
import { withoutOverlaps, finding } from './finding';
import { checkNumbering } from './numbering';
import { checkNumbers } from './numbers';
import { paragraphsOf, proseOf } from './prose';
import { checkPunctuation } from './punctuation';
import { corpusQueries, judgeSlip, resolveSlips, TypoChecker, type TypoCandidate } from './typos';
import { PROOFREAD_KINDS, type CorpusEvidence, type ProofreadFinding, type ProofreadOptions } from './types';

export const defaultProofreadOptions: ProofreadOptions = { markdown: false, kinds: PROOFREAD_KINDS };

/** One typo checker per lexicon: its indexes (about 0.2 s to build) are shared by every Proofreader. */
const typoCheckers = new WeakMap<Lexicon, TypoChecker>();

export class Proofreader {
  private typos?: TypoChecker;
  /** Typo candidates of each paragraph's prose, before the corpus's evidence (so whatever the corpus). */
  private cache = new Map<string, TypoCandidate[]>();

  /** `lexicon` is loaded on the first check that needs it (jieba's dictionary: about a quarter of a second). */
  constructor(private readonly lexicon: () => Lexicon = loadLexicon) {}

  /** Loads everything the typo check needs now, off the path of a request. */
  warmUp(): void {
    this.typoChecker().warmUp();
  }

  private typoChecker(): TypoChecker {
    if (!this.typos) {
      const lexicon = this.lexicon();
      let checker = typoCheckers.get(lexicon);
      if (!checker) typoCheckers.set(lexicon, (checker = new TypoChecker(lexicon)));
      this.typos = checker;
    }
    return this.typos;
  }

  /** Paragraphs checked from scratch by the last `proofread` (the rest came from the cache). */
  lastChecked = 0;

  /** Typo candidates of each paragraph with Han text, from the cache or checked now; the cache then holds just these paragraphs. */
  private typoCandidates(paragraphs: { text: string; start: number }[]): { start: number; candidates: TypoCandidate[] }[] {
    const checker = this.typoChecker();
    const next = new Map<string, TypoCandidate[]>();
    const out: { start: number; candidates: TypoCandidate[] }[] = [];
    this.lastChecked = 0;
    for (const p of paragraphs) {
      if (!/[\u4e00-\u9fff]/.test(p.text)) continue;
      let candidates = next.get(p.text) ?? this.cache.get(p.text);
      if (!candidates) {
        candidates = checker.check(p.text);
        this.lastChecked++;
      }
      next.set(p.text, candidates);
      out.push({ start: p.start, candidates });
    }
    this.cache = next;
    return out;
  }

  /**
   * The strings whose counts in the corpus the typo check of `draft` would ask for: where the corpus
   * lives elsewhere (the editor's thread), they are counted there in one batch, then `proofread` runs
   * with the counts (corpusCounts). The paragraphs' candidates are cached for that second call.
   */
  corpusQueries(draft: string, options: Partial<ProofreadOptions> = {}): string[] {
    const opts = { ...defaultProofreadOptions, ...options };
    if (!opts.kinds.includes('typo')) return [];
    const out = new Set<string>();
    for (const { candidates } of this.typoCandidates(paragraphsOf(proseOf(draft, opts.markdown)))) corpusQueries(candidates, out);
    return [...out];
  }

  proofread(draft: string, options: Partial<ProofreadOptions> = {}): ProofreadFinding[] {
    const opts = { ...defaultProofreadOptions, ...options };
    const kinds = new Set(opts.kinds);
    const paragraphs = paragraphsOf(proseOf(draft, opts.markdown));
    const all: ProofreadFinding[] = [];
    if (kinds.has('punctuation')) all.push(...checkPunctuation(paragraphs));
    if (kinds.has('number')) all.push(...checkNumbers(paragraphs));
    if (kinds.has('numbering')) all.push(...checkNumbering(paragraphs));
    if (kinds.has('typo'))
      for (const p of this.typoCandidates(paragraphs))
        for (const c of resolveSlips(p.candidates, opts.corpus)) {
          const f = { ...c, start: c.start + p.start, end: c.end + p.start };
          if (!judgeSlip(f, draft)) continue;
          const params: Record<string, string> = { found: c.found, expected: c.expected };
          if (c.channel) params.channel = c.channel;
          all.push(finding(c.code, f.start, f.end, params, c.expected, c.safe));
        }
    return withoutOverlaps(all);
  }
}

/** Evidence from counts made elsewhere (Proofreader.corpusQueries): a string not counted occurs nowhere. */
export function corpusCounts(strings: readonly string[], counts: ArrayLike<number>): CorpusEvidence {
  const map = new Map<string, number>();
  strings.forEach((s, i) => map.set(s, counts[i] ?? 0));
  return { occurrences: (s) => map.get(s) ?? 0 };
}

let shared: Proofreader | undefined;

/** Proofreads `draft` with the process's shared Proofreader (and its paragraph cache). */
export function proofread(draft: string, options: Partial<ProofreadOptions> = {}): ProofreadFinding[] {
  shared ??= new Proofreader();
  return shared.proofread(draft, options);
}

/** The draft with every fix applied (`only`: which findings; default the safe ones). */
export function applyFixes(draft: string, findings: readonly ProofreadFinding[], only: (f: ProofreadFinding) => boolean = (f) => f.safe): string {
  let out = draft;
  for (const f of [...findings].filter((f) => f.fix !== undefined && only(f)).sort((a, b) => b.start - a.start)) out = out.slice(0, f.start) + f.fix + out.slice(f.end);
  return out;
}
