// Near-duplicate speeches (issue 14): the same speech edited, re-punctuated, retitled or inside a
// compilation is one speech with versions; different speeches on the same topic, sharing long
// stock passages, stay apart — all 33 sample speeches (every one on 主题教育) among them.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseSpeeches } from '../../src/core/corpus';
import { dedupeSpeeches, shingleHashes, shingleSimilarity, DUPLICATE_CONTAINMENT, DUPLICATE_JACCARD } from '../../src/core/corpus/dedupe';
import { copiesOfEveryThird, editedCopy } from '../bench/editedCopies';
import { EVAL_DOCS_DIR } from './fixtures/corpusFixtures';
import type { SpeechDocument } from '../../src/core/types';

const SAMPLES = readdirSync(EVAL_DOCS_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(EVAL_DOCS_DIR, f), 'utf8').trim());
const docs = (text: string, source: string) => parseSpeeches(text, source);

describe('near-duplicate speeches', () => {
  it('keeps all 33 sample speeches apart (different speeches on one topic, full of the same stock phrases)', () => {
    const all = SAMPLES.flatMap((t, i) => docs(t, `/corpus/${String(i).padStart(2, '0')}.txt`));
    const r = dedupeSpeeches(all);
    assert.equal(r.duplicates, 0);
    assert.equal(r.documents.length, all.length);
    assert.ok(r.documents.every((d) => d.versions === undefined));
    // The margin: the most alike pair shares a small fraction of what a duplicate shares.
    const sets = SAMPLES.map((t) => new Set(shingleHashes(t).hashes));
    let most = 0;
    let contained = 0;
    for (let i = 0; i < sets.length; i++) {
      for (let j = i + 1; j < sets.length; j++) {
        let common = 0;
        for (const h of sets[i]) if (sets[j].has(h)) common++;
        most = Math.max(most, common / (sets[i].size + sets[j].size - common));
        contained = Math.max(contained, common / Math.min(sets[i].size, sets[j].size));
      }
    }
    // The same measure as dedupe's own, on one pair.
    const [a, b] = [shingleHashes(SAMPLES[13]).hashes, shingleHashes(SAMPLES[29]).hashes];
    assert.ok(shingleSimilarity(a, b).jaccard <= most && shingleSimilarity(a, b).jaccard > 0);
    assert.ok(most < DUPLICATE_JACCARD / 5, `two different sample speeches are ${most.toFixed(3)} alike`);
    assert.ok(contained < DUPLICATE_CONTAINMENT / 4, `${(contained * 100).toFixed(1)} % of one sample speech's shingles are in another`);
  });

  it('folds a speech with words changed, a paragraph added, other punctuation, a new title, and inside a compilation into one speech with versions', () => {
    const original = SAMPLES[5];
    const [title, ...body] = original.split('\n');
    const edited = editedCopy(original, SAMPLES[20], 1, { words: 12 });
    const added = [title, ...body.slice(0, 3), SAMPLES[9].split('\n')[4], ...body.slice(3)].join('\n');
    const punctuated = original.replace(/，/g, ',').replace(/。/g, '. ').replace(/[“”]/g, '"').replace(/、/g, ' ');
    const retitled = [`转载：${title}`, ...body].join('\n');
    const compilation = [SAMPLES[1], SAMPLES[5], SAMPLES[30]].join('\n\n');
    const input: SpeechDocument[] = [
      ...docs(SAMPLES[2], '/corpus/其他讲话.txt'),
      ...docs(edited, '/corpus/读书班总结（修改稿）.txt'),
      ...docs(original, '/corpus/读书班总结（定稿）.docx'),
      ...docs(added, '/corpus/读书班总结 补充.txt'),
      ...docs(punctuated, '/corpus/网页转载.html'),
      ...docs(retitled, '/corpus/转载.txt'),
      ...docs(compilation, '/corpus/讲话汇编.txt'),
    ];
    assert.equal(input.filter((d) => d.source.endsWith('讲话汇编.txt')).length, 3, 'the compilation is split into its three speeches');
    const r = dedupeSpeeches(input);
    const kept = r.documents.find((d) => d.versions)!;
    // The final version stands for the speech (定稿 in its file name), the others are its versions.
    assert.equal(kept.source, '/corpus/读书班总结（定稿）.docx');
    assert.deepEqual(
      kept.versions!.map((v) => path.basename(v.source)).sort(),
      ['网页转载.html', '讲话汇编.txt', '读书班总结 补充.txt', '读书班总结（修改稿）.txt', '转载.txt'].sort(),
    );
    assert.equal(r.duplicates, 5);
    // The compilation's other two speeches and the other speech are untouched.
    assert.deepEqual(
      r.documents.map((d) => path.basename(d.source)),
      ['其他讲话.txt', '读书班总结（定稿）.docx', '讲话汇编.txt', '讲话汇编.txt'],
    );
    const version = kept.versions!.find((v) => v.source.endsWith('讲话汇编.txt'))!;
    assert.equal(version.id, '/corpus/讲话汇编.txt#1');
  });

  it('the issue\'s measurement corpus: the 33 samples plus edited copies of a third of them is 33 speeches again', () => {
    const copies = copiesOfEveryThird(SAMPLES).map((c) => c.text);
    const originals = SAMPLES.flatMap((t, i) => docs(t, `/corpus/${i}.txt`));
    const all = [...originals, ...copies.flatMap((t, k) => docs(t, `/corpus/copies/${k}（修改稿）.txt`))];
    const r = dedupeSpeeches(all);
    assert.equal(r.duplicates, copies.length);
    assert.deepEqual(r.documents.map((d) => d.id), originals.map((d) => d.id), 'the originals stand (the copies are 修改稿)');
    assert.equal(r.documents.filter((d) => d.versions?.length === 1).length, copies.length);
  });

  it('keeps apart two different speeches that open and close with the same long stock passage', () => {
    const stock = SAMPLES[28].slice(0, 900);
    const closing = SAMPLES[28].slice(-600);
    const a = [SAMPLES[10].split('\n')[0], stock, ...SAMPLES[10].split('\n').slice(1), closing].join('\n');
    const b = [SAMPLES[11].split('\n')[0], stock, ...SAMPLES[11].split('\n').slice(1), closing].join('\n');
    const r = dedupeSpeeches([...docs(a, '/c/a.txt'), ...docs(b, '/c/b.txt')]);
    assert.equal(r.duplicates, 0);
  });

  it('an excerpt reposted (most of a speech, inside the whole) is a version; a long quotation inside a speech is not', () => {
    const whole = SAMPLES[28];
    const excerpt = whole.split('\n').slice(0, Math.ceil(whole.split('\n').length * 0.6)).join('\n');
    const r = dedupeSpeeches([...docs(whole, '/c/全文.txt'), ...docs(excerpt, '/c/节选.txt')]);
    assert.equal(r.duplicates, 1);
    assert.equal(r.documents[0].source, '/c/全文.txt', 'the fuller text stands for the speech');
    const quoting = `${SAMPLES[3]}\n${SAMPLES[12].slice(0, 300)}`;
    assert.equal(dedupeSpeeches([...docs(SAMPLES[12], '/c/x.txt'), ...docs(quoting, '/c/y.txt')]).duplicates, 0);
  });

  it('the canonical copy: a standalone file over a compilation part, then the newer file; short texts only when equal', () => {
    const speech = SAMPLES[7];
    const input = [...docs(`${SAMPLES[0]}\n\n${speech}`, '/c/汇编.txt'), ...docs(speech, '/c/a.txt'), ...docs(speech, '/c/b.txt')];
    assert.equal(dedupeSpeeches(input).documents.find((d) => d.versions)?.source, '/c/a.txt');
    const newer = dedupeSpeeches(input, { modifiedMs: (s) => (s === '/c/b.txt' ? 2 : 1) });
    assert.equal(newer.documents.find((d) => d.versions)?.source, '/c/b.txt');
    // Too short for shingles to tell: the same text is one speech, one word apart is two.
    const short = '在会上的讲话\n同志们：\n今天开个短会。谢谢大家！';
    assert.equal(dedupeSpeeches([...docs(short, '/c/s1.txt'), ...docs(`${short}\n`, '/c/s2.txt')]).duplicates, 1);
    assert.equal(dedupeSpeeches([...docs(short, '/c/s1.txt'), ...docs(short.replace('短会', '长会'), '/c/s2.txt')]).duplicates, 0);
  });
});
