// Word segmentation by jieba-wasm (jieba-rs compiled to WebAssembly: no native module, so the same
// bundle runs on every platform VS Code does). The module is required on first use: instantiating it
// and unpacking its dictionary takes about 0.4 s and 60 MB, which nobody should pay at activation.
import type * as JiebaWasm from 'jieba-wasm';

export interface Token {
  word: string;
  /** UTF-16 offsets in the segmented text. */
  start: number;
  end: number;
}

let jieba: typeof JiebaWasm | undefined;

function module(): typeof JiebaWasm {
  // Loaded here, not at import: the bundle's top level must stay cheap.
  jieba ??= require('jieba-wasm') as typeof JiebaWasm;
  return jieba;
}

/** True once the wasm module has been instantiated (by a segmentation or `warmUp`). */
export function segmenterLoaded(): boolean {
  return jieba !== undefined;
}

/** Instantiates the module and unpacks its dictionary now (in a worker, before the first request). */
export function warmUpSegmenter(): void {
  module().cut('预热', false);
}

/**
 * jieba's words of `text` in order, covering it exactly. `newWords` lets jieba's HMM join characters
 * that are not dictionary words into words (names, new terms); without it they stay single
 * characters, which is what a proofreader wants to see.
 */
export function segment(text: string, newWords = false): Token[] {
  if (!text) return [];
  const tokens = module().tokenize(text, 'default', newWords);
  // jieba counts Unicode scalar values; editors count UTF-16 units. They differ only past the BMP.
  if (!/[\ud800-\udbff]/.test(text)) return tokens.map((t) => ({ word: t.word, start: t.start, end: t.end }));
  const out: Token[] = [];
  let offset = 0;
  for (const t of tokens) {
    out.push({ word: t.word, start: offset, end: offset + t.word.length });
    offset += t.word.length;
  }
  return out;
}

/** jieba's words of `text` with its part-of-speech tags (n, v, a, ad, uj, uv, ud…), HMM for unknown words on. */
export function tagWords(text: string): { word: string; tag: string }[] {
  return text ? module().tag(text, true) : [];
}
