// Rich Text Format, read as a stream of bytes slice by slice (an RTF with pictures can be hundreds of
// megabytes). RTF from Chinese Word writes text as \'xx bytes in the ANSI code page (\ansicpg936:
// GBK) or in the code page of the current font's \fcharset (134: GB2312), and as \uN escapes
// followed by \ucN fallback characters (skipped). Destinations that are not body text — font and
// style tables, pictures, headers, footers, footnotes, comments, field instructions, any \* group —
// are skipped, and so is tracked deleted text (\deleted): the body as its changes accepted.
import { SkipError } from '../skipReason';
import type { SliceDecoder, SliceDecoders } from './format';

/** Groups nested deeper than this are no document: the file is refused rather than its nesting kept. */
const MAX_GROUP_DEPTH = 2048;
/** Control words are at most 32 letters and their parameter at most 10 digits and a sign. */
const MAX_CONTROL_WORD = 32 + 11 + 2;

const SKIPPED_DESTINATIONS = new Set([
  'annotation', 'atnauthor', 'atndate', 'atnid', 'atnref', 'author', 'bkmkend', 'bkmkstart', 'buptim', 'colortbl', 'comment',
  'creatim', 'datafield', 'datastore', 'do', 'doccomm', 'docvar', 'falt', 'fldinst', 'filetbl', 'footer', 'footerf', 'footerl',
  'footerr', 'footnote', 'ftncn', 'ftnsep', 'ftnsepc', 'header', 'headerf', 'headerl', 'headerr', 'info', 'keywords', 'latentstyles',
  'listoverridetable', 'listtable', 'mmathPr', 'nonshppict', 'object', 'operator', 'pict', 'printim', 'private', 'revtbl', 'revtim',
  'rsidtbl', 'shpinst', 'shppict', 'sp', 'stylesheet', 'subject', 'tc', 'template', 'themedata', 'title', 'txe', 'userprops', 'xe',
  'xmlnstbl', 'colorschememapping', 'generator', 'pgdsctbl', 'listtext', 'pntext', 'pntxta', 'pntxtb',
]);

const SYMBOLS: Record<string, string> = {
  par: '\n', sect: '\n', line: '\n', row: '\n', tab: '\t', cell: '\t', nestcell: '\t',
  emdash: '—', endash: '–', emspace: ' ', enspace: ' ', qmspace: ' ', bullet: '•',
  lquote: '‘', rquote: '’', ldblquote: '“', rdblquote: '”',
};

/** Windows code page of an RTF \fcharset. */
const CHARSET_CODEPAGE: Record<number, number> = {
  77: 10000, 128: 932, 129: 949, 134: 936, 136: 950, 161: 1253, 162: 1254, 177: 1255, 178: 1256, 186: 1257, 204: 1251, 222: 874, 238: 1250,
};

function codepageLabel(cp: number): string {
  if (cp === 936) return 'gbk';
  if (cp === 54936) return 'gb18030';
  if (cp === 950) return 'big5';
  if (cp === 932) return 'shift_jis';
  if (cp === 949) return 'euc-kr';
  if (cp === 65001) return 'utf-8';
  if (cp === 10000) return 'macintosh';
  if (cp === 874 || (cp >= 1250 && cp <= 1258)) return `windows-${cp}`;
  return 'windows-1252';
}

interface GroupState {
  skip: boolean;
  deleted: boolean;
  uc: number;
  font: number;
  fontTable: boolean;
}

const isLetter = (b: number) => (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a);
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
const hexValue = (b: number) => (isDigit(b) ? b - 0x30 : b >= 0x61 && b <= 0x66 ? b - 0x57 : b >= 0x41 && b <= 0x46 ? b - 0x37 : -1);

export class RtfDecoder implements SliceDecoder {
  private carry: Uint8Array = new Uint8Array(0);
  private state: GroupState = { skip: false, deleted: false, uc: 1, font: -1, fontTable: false };
  private readonly stack: GroupState[] = [];
  private ansiCodepage = 1252;
  private defaultFont = -1;
  private readonly fontCodepage = new Map<number, number>();
  private tableFont = -1;
  /** Fallback characters still to skip after a \uN. */
  private ucSkip = 0;
  /** Bytes of \binN data still to skip. */
  private binSkip = 0;
  private pending: number[] = [];
  private pendingCodepage = 0;
  private readonly decoders = new Map<number, InstanceType<typeof TextDecoder>>();
  private out = '';

  decode(bytes: Uint8Array, last: boolean): string {
    const data = this.carry.length ? Buffer.concat([this.carry, bytes]) : bytes;
    this.carry = new Uint8Array(0);
    this.out = '';
    const n = data.length;
    let i = 0;
    while (i < n) {
      if (this.binSkip > 0) {
        const take = Math.min(this.binSkip, n - i);
        this.binSkip -= take;
        i += take;
        continue;
      }
      const c = data[i];
      if (c === 0x7b) {
        this.flushBytes();
        if (this.stack.length >= MAX_GROUP_DEPTH) throw new SkipError({ code: 'damaged', format: '.rtf', message: `groups nested over ${MAX_GROUP_DEPTH} deep` });
        this.stack.push(this.state);
        this.state = { ...this.state };
        this.ucSkip = 0;
        i++;
      } else if (c === 0x7d) {
        this.flushBytes();
        this.state = this.stack.pop() ?? this.state;
        this.ucSkip = 0;
        i++;
      } else if (c === 0x5c) {
        const next = this.controlAt(data, i, last);
        if (next < 0) {
          this.carry = data.slice(i);
          break;
        }
        i = next;
      } else if (c === 0x0d || c === 0x0a) {
        i++;
      } else if (this.ucSkip > 0 || c >= 0x80 || (c < 0x20 && c !== 0x09)) {
        if (this.ucSkip > 0) this.ucSkip--;
        else if (c >= 0x80) this.byte(c);
        i++;
      } else {
        // A run of plain characters at once.
        let j = i + 1;
        while (j < n && data[j] >= 0x20 && data[j] < 0x80 && data[j] !== 0x5c && data[j] !== 0x7b && data[j] !== 0x7d) j++;
        let run = '';
        for (let k = i; k < j; k++) run += String.fromCharCode(data[k]);
        this.text(run);
        i = j;
      }
    }
    if (last) this.flushBytes();
    return this.out;
  }

  /** Handles the control word or symbol at `i`; the offset after it, or -1 when it may continue in the next slice. */
  private controlAt(data: Uint8Array, i: number, last: boolean): number {
    const n = data.length;
    if (i + 1 >= n) return last ? n : -1;
    const d = data[i + 1];
    if (d === 0x27) {
      if (i + 3 >= n && !last) return -1;
      const value = (hexValue(data[i + 2] ?? 0) << 4) | hexValue(data[i + 3] ?? 0);
      if (this.ucSkip > 0) this.ucSkip--;
      else if (value >= 0) this.byte(value);
      return i + 4;
    }
    if (!isLetter(d)) {
      this.symbol(d);
      return i + 2;
    }
    let j = i + 1;
    while (j < n && isLetter(data[j]) && j - i <= 32) j++;
    let word = '';
    for (let k = i + 1; k < j; k++) word += String.fromCharCode(data[k]);
    let param: number | undefined;
    const digitsFrom = j;
    if (j < n && (data[j] === 0x2d || isDigit(data[j]))) {
      const negative = data[j] === 0x2d;
      if (negative) j++;
      let value = 0;
      let digits = 0;
      for (; j < n && isDigit(data[j]) && j - digitsFrom <= 11; j++, digits++) value = value * 10 + data[j] - 0x30;
      param = digits ? (negative ? -value : value) : undefined;
    }
    if (j >= n && !last && j - i < MAX_CONTROL_WORD) return -1;
    if (j < n && data[j] === 0x20) j++;
    this.controlWord(word, param);
    return j;
  }

  private symbol(d: number): void {
    if (d === 0x5c || d === 0x7b || d === 0x7d) this.text(String.fromCharCode(d));
    else if (d === 0x7e) this.text('\u00a0');
    else if (d === 0x5f) this.text('-');
    else if (d === 0x2a) this.state.skip = true;
    else if (d === 0x0a || d === 0x0d) this.text('\n');
  }

  private controlWord(word: string, param: number | undefined): void {
    const symbol = SYMBOLS[word];
    if (symbol !== undefined) {
      this.text(symbol);
      return;
    }
    switch (word) {
      case 'u': {
        if (param === undefined) return;
        this.flushBytes();
        this.text(String.fromCharCode(param < 0 ? param + 0x10000 : param));
        this.ucSkip = this.state.uc;
        return;
      }
      case 'uc':
        this.state.uc = Math.max(0, param ?? 1);
        return;
      case 'ansicpg':
        if (param) this.ansiCodepage = param;
        return;
      case 'mac':
        this.ansiCodepage = 10000;
        return;
      case 'bin':
        this.binSkip = Math.max(0, param ?? 0);
        return;
      case 'deff':
        this.defaultFont = param ?? -1;
        if (this.state.font < 0) this.state.font = this.defaultFont;
        return;
      case 'f':
        if (this.state.fontTable) this.tableFont = param ?? -1;
        else this.state.font = param ?? -1;
        return;
      case 'fcharset': {
        const cp = CHARSET_CODEPAGE[param ?? 0];
        if (this.state.fontTable && cp) this.fontCodepage.set(this.tableFont, cp);
        return;
      }
      case 'cpg':
        if (this.state.fontTable && param) this.fontCodepage.set(this.tableFont, param);
        return;
      case 'plain':
        this.state.deleted = false;
        this.state.font = this.defaultFont;
        return;
      case 'deleted':
        this.state.deleted = param !== 0;
        return;
      case 'fonttbl':
        this.state.fontTable = true;
        this.state.skip = true;
        return;
      default:
        if (SKIPPED_DESTINATIONS.has(word)) this.state.skip = true;
    }
  }

  private text(s: string): void {
    this.flushBytes();
    if (!this.state.skip && !this.state.deleted) this.out += s;
  }

  private byte(b: number): void {
    if (this.state.skip || this.state.deleted) return;
    const cp = this.fontCodepage.get(this.state.font) ?? this.ansiCodepage;
    if (this.pending.length && cp !== this.pendingCodepage) this.flushBytes();
    this.pendingCodepage = cp;
    this.pending.push(b);
  }

  private flushBytes(): void {
    if (!this.pending.length) return;
    let decoder = this.decoders.get(this.pendingCodepage);
    if (!decoder) {
      decoder = new TextDecoder(codepageLabel(this.pendingCodepage));
      this.decoders.set(this.pendingCodepage, decoder);
    }
    this.out += decoder.decode(Uint8Array.from(this.pending));
    this.pending = [];
  }
}

/** An RTF file starts with `{\rtf`; anything else under the name is refused. */
export function rtfDecoders(head: Uint8Array): SliceDecoders {
  const start = Buffer.from(head.subarray(0, 64)).toString('latin1').replace(/^\ufeff|^[\s\u00ef\u00bb\u00bf]+/, '');
  if (!start.startsWith('{\\rtf')) throw new SkipError({ code: 'wrongFormat', expected: '.rtf' });
  return {
    skip: 0,
    candidates: [() => new RtfDecoder()],
    undecodable: () => new SkipError({ code: 'wrongFormat', expected: '.rtf' }),
  };
}

/** The text of a whole RTF file (one read under another name, a .doc that Word saved as RTF). */
export function rtfText(bytes: Uint8Array): string {
  rtfDecoders(bytes);
  return new RtfDecoder().decode(bytes, true);
}
