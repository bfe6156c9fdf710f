// Cleaning for the index only (source files are never written): scrape and page markers, elision
// lines and advertising blocks go; punctuation typed half-width between Chinese is read as full-width.

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

// Advertising and contact blocks, detected by what they do (sell, recruit, ask to be contacted),
// never by a brand name. One trait can occur in a speech (学习强国、公众号等平台); an advert has two.
const ADVERT_TRAITS = [
  /微信|V信|vx|VX|wx号/,
  /公众号/,
  /客服/,
  /QQ|qq|扣扣/,
  /代笔|代写|润笔|代发布/,
  /s?vip|SVIP|VIP/,
  /会员群|网盘|加群|入群|进群/,
  /谨防假冒|认准|唯一平台|持续接单|接单中|好评如潮/,
  /一键(?:搜索|下载|查找|精准|快速|极速)|每天更新|每日更新|同步更新/,
  /有意加入|欢迎加入|请联系|联系方式|添加(?:客服|好友|微信)|扫码|二维码/,
  // A mobile number, or digits given after a colon (`联系：1 4367`); plain large numbers are prose.
  /(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)|[：:]\s*\d[\d\s-]{4,}\d/,
  /^【[^】]{1,12}】/,
];
const ADVERT_MIN_TRAITS = 2;
/** Adverts are short: a longer line is prose, from which only advert sentences are cut. */
const AD_MAX_CHARS = 300;
/** A short line next to an advert, with one trait of its own, belongs to the same block. */
const AD_NEIGHBOUR_MAX_CHARS = 120;

export function advertTraits(text: string): number {
  return ADVERT_TRAITS.filter((trait) => trait.test(text)).length;
}

function isAdvert(text: string): boolean {
  return text.length <= AD_MAX_CHARS && advertTraits(text) >= ADVERT_MIN_TRAITS;
}

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
