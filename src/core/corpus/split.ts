// Raw text → speeches. A file that compiles several speeches separates them by blank lines, each
// starting with a title-like line; such a line is recognised by its shape and genre words, never
// by position, so the same rule holds for any compiled file.
import type { SpeechDocument, SpeechKind } from '../types';
import { extractOutline } from '../outline';
import { cleanRawLines, type CleanLine } from './clean';
import { classifySpeech } from './kind';

const TITLE_MAX_CHARS = 64;
const UNTITLED = '（无标题）';
const SALUTATION = /^(?:尊敬的|各位|同志们|亲爱的|老师们|同学们|同事们|朋友们|女士们)[^。]{0,30}[：:]$/;
const HEADING_START = /^(?:[一二三四五六七八九十]{1,3}[、．.是要]|[（(][一二三四五六七八九十\d]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[，、：:,]|\d{1,2}[.、．](?!\d))/;
const CLOSING = /完毕|谢谢|讲这些|讲这么多|批评指正/;
/** Genre words that end a speech title (`…上的讲话`, `…情况汇报`), or open one before a colon (`专题党课：…`). */
const GENRE_AT_END = /(?:讲话|发言|主持词|党课|讲稿|汇报|总结|体会|心得|材料|报告|致辞|演讲|发言稿|讲话稿|主持稿)[^\u4e00-\u9fff]*$/;
const GENRE_BEFORE_COLON = /^[^：:]{0,24}(?:党课|发言|讲话|材料|讲稿|报告|体会)[：:]/;
const OCCASION = /(?:召开|举办|举行|参加)(?:了|这次|今天的|本次)?([^，。；：！？、\s“”]{4,30}(?:会议|大会|集体学习|学习会|座谈会|研讨会|读书班|推进会|部署会|总结会|动员会|交流会|培训班|专题会|生活会))/;

/** A line shaped like a title: short, no sentence punctuation, not numbered, not a greeting or closing. */
export function isTitleShaped(line: string): boolean {
  const s = line.replace(/^#{1,6}\s+/, '').trim();
  if (s.length < 4 || s.length > TITLE_MAX_CHARS) return false;
  if (/[。；]/.test(s) || /[，、：:,;]$/.test(s)) return false;
  if ((s.match(/[\u4e00-\u9fff]/g) ?? []).length < 4) return false;
  return !SALUTATION.test(s) && !HEADING_START.test(s) && !CLOSING.test(s);
}

function isSpeechTitle(line: string, next: string | undefined): boolean {
  if (!isTitleShaped(line)) return false;
  const s = line.trim();
  return GENRE_AT_END.test(s) || GENRE_BEFORE_COLON.test(s) || /^在.{2,40}上的/.test(s) || (next !== undefined && SALUTATION.test(next.trim()));
}

export function parseSpeeches(text: string, source: string): SpeechDocument[] {
  const splitter = new SpeechSplitter(source);
  splitter.push(cleanRawLines(text.split(/\r\n|\r|\n/)), 0);
  return splitter.end();
}

/**
 * A text longer than this (in characters) is no single speech: it is cut at the next paragraph
 * break into parts titled `…（续2）`, so one enormous file never becomes one enormous document.
 */
export const MAX_SPEECH_CHARS = 256 * 1024;

/**
 * Splits a stream of cleaned lines into speeches, so a big file can be read slice by slice with
 * the result parseSpeeches gives for the whole text. A speech starts at a title-like line after a
 * blank line; whether a line is a title may depend on the line after it, so one line waits.
 */
export class SpeechSplitter {
  private readonly documents: SpeechDocument[] = [];
  private chunk: CleanLine[] = [];
  private chunkChars = 0;
  /** Text of the last line taken ('' = blank), undefined before the first. */
  private previous: string | undefined;
  /** A possible title, waiting for the line after it. */
  private candidate: CleanLine | undefined;
  /** The speech being continued when the last one was cut for its length. */
  private continued: { title: string; kind: SpeechKind; part: number } | undefined;

  constructor(private readonly source: string) {}

  /** Takes lines as cleanRawLines returns them; `firstLine` is the raw line number of the first. */
  push(cleaned: readonly (string | undefined)[], firstLine: number): void {
    for (let i = 0; i < cleaned.length; i++) {
      const text = cleaned[i];
      if (text === undefined) continue;
      // Blank lines collapse to one; none before the first line.
      if (text === '' && (this.previous === undefined || this.previous === '')) continue;
      this.take({ text, source: firstLine + i });
    }
  }

  /** The speeches: call once, after the last push. */
  end(): SpeechDocument[] {
    if (this.candidate) this.decide(this.candidate, undefined);
    this.candidate = undefined;
    this.flush(false);
    return this.documents;
  }

  private take(line: CleanLine): void {
    if (this.candidate) {
      this.decide(this.candidate, line.text);
      this.candidate = undefined;
    }
    if (line.text !== '' && this.previous === '') this.candidate = line;
    else {
      if (this.chunkChars > MAX_SPEECH_CHARS && (line.text === '' || this.chunkChars > 2 * MAX_SPEECH_CHARS)) this.flush(true);
      this.add(line);
    }
    this.previous = line.text;
  }

  private decide(line: CleanLine, next: string | undefined): void {
    if (isSpeechTitle(line.text, next)) this.flush(false);
    this.add(line);
  }

  private add(line: CleanLine): void {
    this.chunk.push(line);
    this.chunkChars += line.text.length + 1;
  }

  /** Ends the current speech; `tooLong` when it is cut only for its length (the next part continues it). */
  private flush(tooLong: boolean): void {
    const chunk = trimBlank(this.chunk);
    this.chunk = [];
    this.chunkChars = 0;
    if (!chunk.length) return;
    const doc = toDocument(chunk, this.source, this.documents.length, this.continued);
    this.documents.push(doc);
    this.continued = tooLong ? { title: this.continued?.title ?? doc.title, kind: doc.kind, part: (this.continued?.part ?? 1) + 1 } : undefined;
  }
}

function trimBlank(lines: CleanLine[]): CleanLine[] {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a].text === '') a++;
  while (b > a && lines[b - 1].text === '') b--;
  return lines.slice(a, b);
}

function toDocument(
  chunk: CleanLine[],
  source: string,
  index: number,
  continued?: { title: string; kind: SpeechKind; part: number },
): SpeechDocument {
  const text = chunk.map((l) => l.text).join('\n');
  const first = chunk[0].text;
  const hasTitle = chunk.length > 1 && isTitleShaped(first);
  const body = hasTitle ? chunk.slice(1).map((l) => l.text).join('\n') : text;
  const title = continued ? `${continued.title}（续${continued.part}）` : hasTitle ? first.replace(/^#{1,6}\s+/, '').trim() : derivedTitle(body);
  return {
    id: `${source}#${index}`,
    title,
    kind: continued ? continued.kind : classifySpeech(hasTitle ? title : '', body),
    text,
    source,
    sourceLines: [chunk[0].source, chunk[chunk.length - 1].source],
    headings: extractOutline(text),
  };
}

/** A speech without a title line is named after its occasion (`在…上的讲话`) or its opening words. */
function derivedTitle(body: string): string {
  const opening = body.slice(0, 800);
  const occasion = OCCASION.exec(opening);
  if (occasion) {
    const kind = classifySpeech('', body);
    return `在${occasion[1]}上的${kind === '其他' ? '讲话' : kind === '研讨发言' ? '发言' : kind}`;
  }
  const firstSentence = body
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !SALUTATION.test(l));
  const sentence = firstSentence
    ?.split(/[。！？!?]/)
    .map((s) => s.trim())
    .find(Boolean);
  if (!sentence) return UNTITLED;
  return sentence.length > 24 ? `${sentence.slice(0, 24)}…` : sentence;
}
