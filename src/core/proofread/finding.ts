// Building findings: one place that turns a rule's match into the finding every checker returns.
import { kindOf, type ProofreadCode, type ProofreadFinding } from './types';

export function finding(code: ProofreadCode, start: number, end: number, params: Record<string, string>, fix: string | undefined, safe: boolean): ProofreadFinding {
  const f: ProofreadFinding = { start, end, kind: kindOf(code), code, params, safe: fix !== undefined && safe };
  if (fix !== undefined) f.fix = fix;
  return f;
}

/** A finding that replaces [start, end) of the text by `expected` (found = the text there). */
export function replacement(code: ProofreadCode, text: string, start: number, end: number, expected: string, safe: boolean, extra: Record<string, string> = {}): ProofreadFinding {
  return finding(code, start, end, { found: text.slice(start, end), expected, ...extra }, expected, safe);
}

/** Findings in text order, each span kept once: at an overlap the earlier (then the longer) wins. */
export function withoutOverlaps(findings: ProofreadFinding[]): ProofreadFinding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: ProofreadFinding[] = [];
  let end = -1;
  for (const f of sorted) {
    // Zero-width findings (an insertion point) still may not sit inside another span.
    if (f.start < end || (kept.length && f.start === kept[kept.length - 1].start && f.end === f.start)) continue;
    kept.push(f);
    end = Math.max(end, f.end);
  }
  return kept;
}

/**
 * One list of findings from several checks, in text order: where a finding of `first` (the 提法
 * check's, with the corpus's evidence) covers a finding of `rest`, the one of `first` stands.
 */
export function mergeFindings(first: readonly ProofreadFinding[], rest: readonly ProofreadFinding[]): ProofreadFinding[] {
  const kept = rest.filter((f) => !first.some((g) => f.start < g.end && g.start < f.end));
  return [...first, ...kept].sort((a, b) => a.start - b.start || a.end - b.end);
}
