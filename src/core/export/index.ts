// Word out and in: a draft to a .docx in 公文格式 (GB/T 9704) or 讲话稿格式, its pages for the preview,
// and a .docx back to a Markdown draft. The extension (exportDocx.ts, pagePreview.ts, importDocx.ts)
// and the CLI (src/cli/export.ts, import.ts) both come through here.
import * as path from 'node:path';
import { countCharacters, DEFAULT_SPEAKING_RATE, markdownVisibleText, speakingMinutes } from '../count';
import { parseDraft, type Draft } from './draft';
import { writeDocx } from './docx';
import { DEFAULT_FONTS, fontList, type ExportFonts } from './fonts';
import { formatSpec, type ExportFormat, type SpeechFontSize } from './formats';
import { layoutDraft, type Layout } from './layout';

export { parseDraft, type Draft } from './draft';
export { EXPORT_FORMATS, formatSpec, type ExportFormat, type SpeechFontSize } from './formats';
export { layoutDraft, bylineText, type Layout, type LaidLine } from './layout';
export { docxToMarkdown } from './importDocx';

/** What the speechDrafter.export.* settings (or the CLI's options) choose. */
export interface ExportSettings {
  fonts: ExportFonts;
  speechFontSize: SpeechFontSize;
  boldLevel3: boolean;
  /** 讲话稿: 「全文 N 字 · 约 M 分钟」 in the first page's header. */
  speechShowLength: boolean;
  /** 字 per minute, for that note. */
  speakingRate: number;
}

export const DEFAULT_EXPORT_SETTINGS: ExportSettings = {
  fonts: DEFAULT_FONTS,
  speechFontSize: '小二',
  boldLevel3: false,
  speechShowLength: true,
  speakingRate: DEFAULT_SPEAKING_RATE,
};

/** Settings from loosely typed values (user settings, CLI flags); anything invalid takes its default. */
export function exportSettings(values: {
  titleFont?: unknown;
  bodyFont?: unknown;
  heading1Font?: unknown;
  heading2Font?: unknown;
  speechFontSize?: unknown;
  boldLevel3?: unknown;
  speechShowLength?: unknown;
  speakingRate?: unknown;
}): ExportSettings {
  const d = DEFAULT_EXPORT_SETTINGS;
  const rate = Number(values.speakingRate);
  return {
    fonts: {
      ...DEFAULT_FONTS,
      title: fontList(values.titleFont, DEFAULT_FONTS.title),
      body: fontList(values.bodyFont, DEFAULT_FONTS.body),
      heading1: fontList(values.heading1Font, DEFAULT_FONTS.heading1),
      heading2: fontList(values.heading2Font, DEFAULT_FONTS.heading2),
    },
    speechFontSize: values.speechFontSize === '三号' ? '三号' : d.speechFontSize,
    boldLevel3: typeof values.boldLevel3 === 'boolean' ? values.boldLevel3 : d.boldLevel3,
    speechShowLength: typeof values.speechShowLength === 'boolean' ? values.speechShowLength : d.speechShowLength,
    speakingRate: Number.isFinite(rate) && rate > 0 ? rate : d.speakingRate,
  };
}

export interface DraftInput {
  text: string;
  /** Markdown rather than plain text. */
  markdown: boolean;
  /** Speaker and date for the 讲话稿's line under the title, when the draft has none. */
  speaker?: string;
  date?: string;
}

export function readDraft(input: DraftInput): Draft {
  const draft = parseDraft(input.text, { markdown: input.markdown });
  if (input.speaker?.trim() && !draft.speaker) draft.speaker = input.speaker.trim();
  if (input.date?.trim() && !draft.date) draft.date = input.date.trim().replace(/^[（(]\s*|\s*[）)]$/g, '');
  return draft;
}

/** 「全文 3,214 字 · 约 15 分钟」: 字数 counted as Word does, time at the speaking rate. */
export function lengthNote(input: DraftInput, rate: number): string {
  const count = countCharacters(input.markdown ? markdownVisibleText(input.text) : input.text);
  const minutes = Math.max(1, Math.round(speakingMinutes(count.spoken, rate)));
  return `全文 ${count.chars.toLocaleString('en-US')} 字 · 约 ${minutes} 分钟`;
}

/** The pages of the draft in a format, as the page preview shows them and the .docx will have them. */
export function previewPages(input: DraftInput, format: ExportFormat, settings: ExportSettings = DEFAULT_EXPORT_SETTINGS): Layout {
  return layoutDraft(readDraft(input), formatSpec(format, settings.speechFontSize), settings);
}

export interface ExportResult {
  docx: Buffer;
  /** Pages of the exported file (the preview's count). */
  pages: number;
  draft: Draft;
}

export async function exportDraft(input: DraftInput, format: ExportFormat, settings: ExportSettings = DEFAULT_EXPORT_SETTINGS): Promise<ExportResult> {
  const draft = readDraft(input);
  const spec = formatSpec(format, settings.speechFontSize);
  const note = format === 'speech' && settings.speechShowLength ? lengthNote(input, settings.speakingRate) : undefined;
  const docx = await writeDocx(draft, spec, { fonts: settings.fonts, boldLevel3: settings.boldLevel3, lengthNote: note });
  return { docx, pages: layoutDraft(draft, spec, settings).pages.length, draft };
}

/** Where the export of `draftPath` goes: beside it, 讲话稿.docx (公文) or 讲话稿（讲话稿）.docx. */
export function docxPathFor(draftPath: string, format: ExportFormat): string {
  const dir = path.dirname(draftPath);
  const base = path.basename(draftPath).replace(/\.(md|markdown|txt|text)$/i, '');
  return path.join(dir, format === 'gongwen' ? `${base}.docx` : `${base}（讲话稿）.docx`);
}

/** Markdown drafts by file name (everything else is read as plain text). */
export function isMarkdownPath(file: string): boolean {
  return /\.(md|markdown)$/i.test(file);
}
