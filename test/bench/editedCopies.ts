// Edited copies of a speech (修改稿), made as a writer makes them and seeded, so a bench or a test
// gets the same copies every run: a few words changed, a paragraph added, punctuation varied.
// Issue 14 measures dedupe with these: the 33 sample speeches plus a copy of every third one.
import { seededRandom } from './generateCorpus';
import { writeSpeech } from './speechText';

export interface EditOptions {
  /** Two-character words replaced by words of the donor text. */
  words?: number;
  /** Share of the commas changed (to 、 or ；, or between full and half width). */
  punctuation?: number;
}

const isHan = (c: string) => c >= '\u4e00' && c <= '\u9fff';

/**
 * A 修改稿 of `text`: `words` two-character words replaced by words of `donor` at seeded places
 * (never in the title line), one paragraph of `donor` added after the seeded paragraph, and a share
 * of the commas changed. The title line is kept: the copy is the same speech.
 */
export function editedCopy(text: string, donor: string, seed: number, options: EditOptions = {}): string {
  const rand = seededRandom(seed);
  const words = options.words ?? 8;
  const punctuation = options.punctuation ?? 0.15;
  const [title, ...body] = text.split('\n');
  // A paragraph, not a heading or a one-line point: the longer lines of the donor.
  const donorLines = donor.split('\n').slice(1).filter((l) => l.length >= 80);
  const donorWords = donor.replace(/[^\u4e00-\u9fff]/g, '');
  // A paragraph added (a writer's insertion), between two of the body's paragraphs.
  const at = 1 + Math.floor(rand() * Math.max(1, body.length - 2));
  if (donorLines.length) body.splice(at, 0, donorLines[Math.floor(rand() * donorLines.length)]);
  const chars = [...body.join('\n')];
  for (let i = 0; i < words; i++) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const p = Math.floor(rand() * (chars.length - 2));
      if (!isHan(chars[p]) || !isHan(chars[p + 1])) continue;
      const from = Math.floor(rand() * (donorWords.length - 2));
      chars.splice(p, 2, ...donorWords.slice(from, from + 2));
      break;
    }
  }
  for (let i = 0; i < chars.length; i++) {
    if ((chars[i] !== '，' && chars[i] !== ',') || rand() >= punctuation) continue;
    const r = rand();
    chars[i] = r < 0.4 ? '、' : r < 0.7 ? '；' : chars[i] === ',' ? '，' : ',';
  }
  return [title, chars.join('')].join('\n');
}

/**
 * The measurement: a 修改稿 of every third speech (indexes 0, 3, 6…). The words and the
 * paragraph a copy gains come from text written for this project (speechText.ts), never from another
 * sample speech: a copy must not carry one speech's text into another's (leave-one-out would see it).
 * Returns the copies with the index of the speech each copies.
 */
export function copiesOfEveryThird(speeches: readonly string[], seed = 100): { of: number; text: string }[] {
  const out: { of: number; text: string }[] = [];
  for (let i = 0; i < speeches.length; i += 3) out.push({ of: i, text: editedCopy(speeches[i], writeSpeech(seed + i, 1500), seed + i) });
  return out;
}
