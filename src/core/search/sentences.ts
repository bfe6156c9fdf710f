// Sentences are the unit of search: a line is cut after 。！？； (and their half-width forms), keeping
// closing quotes and brackets with the sentence they end, so a hit reads as a whole sentence.

/** One sentence of a text: [start, end) offsets in the text, and its 0-based line and column there. */
export interface SentenceSpan {
  start: number;
  end: number;
  line: number;
  column: number;
}

const ENDERS = new Set(['。', '！', '？', '；', '!', '?', ';']);
/** Characters that still belong to the sentence just ended: closing quotes and brackets, repeated enders. */
const TRAILERS = new Set(['”', '’', '」', '』', '）', ')', '》', '】', '"', "'", '。', '！', '？', '…']);

function isBlank(code: number): boolean {
  return code <= 0x20 || code === 0x3000 || code === 0xa0 || code === 0xfeff;
}

export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let line = 0;
  let lineStart = 0;
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && isBlank(text.charCodeAt(s))) s++;
    while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
    if (e > s) spans.push({ start: s, end: e, line, column: s - lineStart });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') {
      push(i);
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      lineStart = start = i + 1;
    } else if (ENDERS.has(ch)) {
      let j = i + 1;
      while (j < text.length && TRAILERS.has(text[j])) j++;
      push(j);
      start = j;
      i = j - 1;
    }
  }
  push(text.length);
  return spans;
}
