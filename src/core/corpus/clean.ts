// Cleaning for the index only (source files are never written): scrape and page markers, elision
// lines and advertising blocks go; punctuation typed half-width between Chinese is read as full-width.
import { ADVERT_MIN_TRAITS, AD_MAX_CHARS, AD_NEIGHBOUR_MAX_CHARS, advertTraits, isAdvert } from './advert';

/** A kept line of cleaned text and the 0-based line of the raw text it came from. */
export interface CleanLine {
  text: string;
  source: number;
}

const SCRAPE_MARKER = /##[A-Za-z]{2,20}##/g;
/** `(第14/36页)`, `（第3页）`, `第 3 页 / 共 10 页` inside a line. */
const PAGE_MARKER = /[（(]\s*第\s*\d{1,5}\s*(?:[/／]\s*\d{1,5}\s*)?页\s*[)）]/g;
/** A line that is only a page number: `第3页 共10页`, `- 3 -`, `3/10`. */
const PAGE_LINE = /^(?:第\s*\d{1,5}\s*页\s*(?:[,，/／]?\s*共\s*\d{1,5}\s*页)?|[-—–]\s*\d{1,5}\s*[-—–]|\d{1,5}\s*[/／]\s*\d{1,5})$/;
/** A line of nothing but elision dots or placeholders (`………`, `……`, `...`, `*`). */
const ELISION_LINE = /^[.。…⋯·•*＊\-—_=~～]+$/;

const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const CJK_OR_PUNCT = `${CJK}\\u3000-\\u303f\\uff01-\\uff0f\\uff1a-\\uff20\\u201c\\u201d\\u2018\\u2019\\u2026`;
const HAS_CJK = new RegExp(`[${CJK}]`);
const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！' };
/** Half-width , ; : ? ! touching Chinese on the left, or on the right when the left is not a digit/letter. */
const HALF_PUNCT_AFTER_CJK = new RegExp(`(?<=[${CJK_OR_PUNCT}])[,;:?!]`, 'g');
const HALF_PUNCT_BEFORE_CJK = new RegExp(`(?<![0-9A-Za-z])[,;:?!](?=[${CJK}])`, 'g');
const SPACES_BETWEEN_CJK = new RegExp(`(?<=[${CJK_OR_PUNCT}])[ \\t\\u3000\\u00a0]+(?=[${CJK_OR_PUNCT}])`, 'g');
const DOUBLED_PUNCT = /([，。、；：？！])\1+/g;

/** Cuts advert sentences out of a long line (a scraped file may glue an advert onto prose). */
function withoutAdvertSentences(line: string): string {
  if (line.length <= AD_MAX_CHARS || advertTraits(line) < ADVERT_MIN_TRAITS) return line;
  return (line.match(/[^。！？!?]*(?:[。！？!?]+|$)/g) ?? [])
    .filter((sentence) => !isAdvert(sentence))
    .join('');
}

/** Cleans one line's content (markers, spacing, punctuation); the result may be empty. */
export function cleanLineText(line: string): string {
  let s = line.replace(SCRAPE_MARKER, '').replace(PAGE_MARKER, '');
  s = s.replace(/[\u200b-\u200d\ufeff]/g, '').trim();
  if (!s || PAGE_LINE.test(s) || ELISION_LINE.test(s)) return '';
  if (!HAS_CJK.test(s)) return s;
  s = s.replace(SPACES_BETWEEN_CJK, '');
  s = s.replace(HALF_PUNCT_AFTER_CJK, (c) => FULL_WIDTH[c]).replace(HALF_PUNCT_BEFORE_CJK, (c) => FULL_WIDTH[c]);
  s = s.replace(/\(([^()\n]*)\)/g, (m, inner: string) => (HAS_CJK.test(inner) ? `（${inner}）` : m));
  s = pairQuotes(s, '"', '“', '”');
  s = s.replace(/'([^'\n]*)'/g, (m, inner: string) => (HAS_CJK.test(inner) ? `‘${inner}’` : m));
  return withoutAdvertSentences(s.replace(DOUBLED_PUNCT, '$1'));
}

/** Straight double quotes paired left to right; an unpaired last one is left alone. */
function pairQuotes(s: string, straight: string, open: string, close: string): string {
  if (!s.includes(straight)) return s;
  const parts = s.split(straight);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    if (i + 1 >= parts.length) {
      out += straight + parts[i];
      break;
    }
    // Only quotes around Chinese are Chinese quotes; `"ok"` in an English aside stays as it is.
    const chinese = HAS_CJK.test(parts[i]);
    out += (chinese ? open : straight) + parts[i] + (chinese ? close : straight) + parts[i + 1];
  }
  return out;
}

/**
 * Cleans raw lines one by one: each line's cleaned text ('' for a blank line), or undefined when
 * the line is dropped (a marker, an elision, an advert). Advert blocks are judged within `rawLines`.
 */
export function cleanRawLines(rawLines: string[]): (string | undefined)[] {
  const texts = rawLines.map(cleanLineText);
  // Adverts come in blocks: a strong line, plus the run of weaker lines touching it (blank lines
  // between don't break a block). One sweep each way reaches the whole run in linear time.
  const traits = texts.map((t) => (t !== '' && t.length <= AD_MAX_CHARS ? advertTraits(t) : 0));
  const ad = traits.map((n) => n >= ADVERT_MIN_TRAITS);
  const joins = texts.map((t, i) => t.length <= AD_NEIGHBOUR_MAX_CHARS && traits[i] >= 1);
  for (const [from, to, step] of [[0, texts.length, 1], [texts.length - 1, -1, -1]]) {
    let afterAd = false;
    for (let i = from; i !== to; i += step) {
      if (texts[i] === '') continue;
      if (!ad[i] && afterAd && joins[i]) ad[i] = true;
      afterAd = ad[i];
    }
  }
  return texts.map((text, i) => (ad[i] || (text === '' && rawLines[i].trim() !== '') ? undefined : text));
}

/**
 * Cleans raw text line by line, keeping for each line the raw line it came from. Removed lines
 * (markers, elisions, adverts) vanish; blank lines stay (collapsed to one) because they separate
 * speeches in compiled files.
 */
export function cleanLines(raw: string): CleanLine[] {
  const out: CleanLine[] = [];
  cleanRawLines(raw.split(/\r\n|\r|\n/)).forEach((text, i) => {
    if (text === undefined) return;
    if (text === '' && (out.length === 0 || out[out.length - 1].text === '')) return;
    out.push({ text, source: i });
  });
  while (out.length && out[out.length - 1].text === '') out.pop();
  return out;
}

export function cleanText(raw: string): string {
  return cleanLines(raw)
    .map((l) => l.text)
    .join('\n');
}
