// Deterministic large corpora for the benchmark: seeded recombination of the sample speeches.
// Speeches are rebuilt from the sample's paragraphs, whose sentences are reshuffled across
// paragraphs and lightly mutated (a random 2-character token swapped in now and then), so the
// number of distinct n-grams grows with size as it does in a real 素材库 instead of saturating.
//
// The sample's sentences, headings and titles are split in two halves by a hash of their text: the
// indexed corpora are made of one half, the held-out corpus (where the benchmark's contexts and
// queries come from) of the other, so no measured query is a sentence the index holds.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface GeneratedCorpus {
  dir: string;
  chars: number;
  files: number;
  speeches: number;
  /** Which half of the sample's sentences it is made of. */
  part: CorpusPart;
  /** The generator's version: a cached corpus of another version is made again. */
  version: number;
}

export type CorpusPart = 'indexed' | 'heldOut';
const GENERATOR_VERSION = 2;

/** FNV-1a of a string: which half a sentence belongs to, the same on every machine. */
function half(text: string): CorpusPart {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) % 2 === 0 ? 'indexed' : 'heldOut';
}

/** mulberry32: a tiny seeded PRNG, enough for reproducible test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUMERALS = '一二三四五六七八九十';
const HEADING = /^[一二三四五六七八九十]+、/;

interface SampleParts {
  titles: string[];
  headings: string[];
  sentences: string[];
}

function sampleParts(sampleDir: string, part: CorpusPart): SampleParts {
  const titles: string[] = [];
  const headings: string[] = [];
  const sentences: string[] = [];
  for (const f of readdirSync(sampleDir).sort()) {
    const lines = readFileSync(join(sampleDir, f), 'utf8').split(/\r?\n/);
    lines.forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('##') || /客服|公众号|会员|代笔/.test(line)) return;
      if (line.length <= 40 && !/[。！？]$/.test(line) && (i === 0 || !lines[i - 1].trim())) titles.push(line);
      else if (HEADING.test(line)) headings.push(line.split(/[。；]/)[0].slice(0, 40));
      // Sentences that open with a heading number would read as headings in the middle of a paragraph.
      for (const s of line.match(/[^。！？；]+[。！？；]?/g) ?? []) if (s.length >= 8 && !HEADING.test(s) && !/^（[一二三四五六七八九十]+）/.test(s)) sentences.push(s);
    });
  }
  const mine = (xs: string[]) => xs.filter((x) => half(x) === part);
  return { titles: mine(titles), headings: mine(headings), sentences: mine(sentences) };
}


/** Writes `.txt` files of about 256 K characters each, several speeches per file, until `chars`, from one half of the sample's sentences. */
export function generateCorpus(sampleDir: string, outDir: string, chars: number, seed = 42, part: CorpusPart = 'indexed'): GeneratedCorpus {
  const marker = join(outDir, '.generated.json');
  if (existsSync(marker)) {
    const made = JSON.parse(readFileSync(marker, 'utf8')) as GeneratedCorpus;
    if (made.version === GENERATOR_VERSION && made.part === part) return made;
    rmSync(outDir, { recursive: true, force: true });
  }
  mkdirSync(outDir, { recursive: true });
  const rand = seededRandom(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const parts = sampleParts(sampleDir, part);
  const pool = parts.sentences.join('').replace(/[^\u4e00-\u9fff]/g, '');
  const mutate = (s: string): string => {
    if (rand() > 0.3 || s.length < 6) return s;
    const at = 1 + Math.floor(rand() * (s.length - 3));
    const k = Math.floor(rand() * (pool.length - 2));
    return s.slice(0, at) + pool.slice(k, k + 2) + s.slice(at + 2);
  };
  let total = 0;
  let files = 0;
  let speeches = 0;
  while (total < chars) {
    const out: string[] = [];
    let fileChars = 0;
    while (fileChars < 256_000 && total + fileChars < chars) {
      const speech: string[] = [`${pick(parts.titles)}（${++speeches}）`, '同志们：'];
      const sections = 2 + Math.floor(rand() * 3);
      for (let h = 0; h < sections; h++) {
        speech.push(`${NUMERALS[h]}、${pick(parts.headings).replace(/^[一二三四五六七八九十]+、/, '')}`);
        const paragraphs = 1 + Math.floor(rand() * 4);
        for (let p = 0; p < paragraphs; p++) {
          const n = 2 + Math.floor(rand() * 6);
          let para = '';
          for (let s = 0; s < n; s++) para += mutate(pick(parts.sentences));
          speech.push(para);
        }
      }
      speech.push('谢谢大家！', '');
      const text = speech.join('\n');
      out.push(text);
      fileChars += text.replace(/\s/g, '').length;
    }
    writeFileSync(join(outDir, `speeches_${String(files).padStart(4, '0')}.txt`), out.join('\n'));
    total += fileChars;
    files++;
  }
  const result: GeneratedCorpus = { dir: outDir, chars: total, files, speeches, part, version: GENERATOR_VERSION };
  writeFileSync(marker, JSON.stringify(result));
  return result;
}
