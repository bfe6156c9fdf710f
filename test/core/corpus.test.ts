// The corpus engine on the real sample corpus: 33 speeches, their titles and kinds, cleaning, read-only loading.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { cleanText, loadCorpus } from '../../src/core/corpus';
import type { SkippedFile, SpeechDocument, SpeechKind } from '../../src/core/types';
import { CORPUS_DIR, EVAL_DOCS_DIR, hashTree } from './fixtures/corpusFixtures';

const evalDocs = readdirSync(EVAL_DOCS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(path.join(EVAL_DOCS_DIR, f), 'utf8'));

/** Compares text ignoring whitespace and punctuation (cleaning changes only those). */
function letters(s: string): string {
  return s.replace(/[\s\p{P}\p{S}]/gu, '');
}

// Kinds judged by a reader from each title (and, for 00, the text: a leader's speech opening with 同志们).
const EXPECTED_KINDS: SpeechKind[] = [
  '讲话', '主持词', '研讨发言', '讲话', '研讨发言', '讲话', '讲话', '党课', '总结', '讲话',
  '研讨发言', '汇报', '汇报', '研讨发言', '汇报', '研讨发言', '讲话', '研讨发言', '研讨发言', '汇报',
  '研讨发言', '汇报', '研讨发言', '研讨发言', '党课', '汇报', '研讨发言', '党课', '党课', '研讨发言',
  '心得体会', '研讨发言', '研讨发言',
];

describe('corpus: the sample corpus', () => {
  let documents: SpeechDocument[];
  let skipped: SkippedFile[];
  let hashesBefore: Record<string, string>;

  before(async () => {
    hashesBefore = hashTree(CORPUS_DIR);
    ({ documents, skipped } = await loadCorpus([CORPUS_DIR]));
  });

  it('loads 33 speeches and skips nothing', () => {
    assert.deepEqual(skipped, []);
    assert.equal(documents.length, 33);
    assert.equal(evalDocs.length, 33);
  });

  it('splits only the compiling file: four files give one speech each, the fifth gives 29', () => {
    const perFile = new Map<string, number>();
    for (const d of documents) perFile.set(path.basename(d.source), (perFile.get(path.basename(d.source)) ?? 0) + 1);
    assert.deepEqual([...perFile.values()], [1, 1, 1, 1, 29]);
  });

  it('gives each speech its real title (the first line of the ground truth, cleaned)', () => {
    for (let i = 1; i < 33; i++) {
      const expected = cleanText(evalDocs[i].split('\n')[0]).trim();
      assert.equal(documents[i].title, expected, `speech ${i}`);
    }
  });

  it('names the untitled first file after its occasion, not its salutation', () => {
    const title = documents[0].title;
    assert.ok(title.length >= 6 && title.length <= 40, title);
    assert.ok(!/同志们/.test(title), title);
    assert.ok(title.includes('理论学习中心组'), title);
  });

  it('classifies each speech as a reader would', () => {
    assert.deepEqual(
      documents.map((d) => d.kind),
      EXPECTED_KINDS,
    );
  });

  it('classifies by the title words the brief names', () => {
    for (const d of documents) {
      if (/主持/.test(d.title)) assert.equal(d.kind, '主持词', d.title);
      else if (/党课/.test(d.title)) assert.equal(d.kind, '党课', d.title);
      else if (/汇报|进展情况/.test(d.title)) assert.equal(d.kind, '汇报', d.title);
      else if (/研讨|交流发言/.test(d.title)) assert.equal(d.kind, '研讨发言', d.title);
      else if (/心得体会/.test(d.title)) assert.equal(d.kind, '心得体会', d.title);
    }
  });

  it('keeps every paragraph of the ground truth, in the same speech, and adds nothing else', () => {
    for (let i = 0; i < 33; i++) {
      const doc = letters(documents[i].text);
      const truthLines = cleanText(evalDocs[i]).split('\n').map(letters).filter(Boolean);
      for (const line of truthLines) assert.ok(doc.includes(line), `speech ${i} lost: ${line.slice(0, 30)}`);
      // The ground truth drops one paragraph of speech 20 (it carries a brand watermark); nothing more.
      const extra = documents[i].text.split('\n').map(letters).filter((l) => l && !truthLines.includes(l));
      assert.ok(extra.length <= 1, `speech ${i} has extra lines: ${extra.map((l) => l.slice(0, 20)).join(' | ')}`);
    }
  });

  it('has unique ids, ordered non-overlapping source line ranges', () => {
    assert.equal(new Set(documents.map((d) => d.id)).size, 33);
    let last = { source: '', end: -1 };
    for (const d of documents) {
      const [a, b] = d.sourceLines;
      assert.ok(a <= b, d.id);
      if (d.source === last.source) assert.ok(a > last.end, d.id);
      last = { source: d.source, end: b };
    }
  });

  it('starts each split speech at its title line in the source file', () => {
    const raw = readFileSync(path.join(CORPUS_DIR, '004_6c46de81eb12d8ae.txt'), 'utf8').split('\n');
    for (const d of documents.slice(4)) assert.equal(raw[d.sourceLines[0]].trim(), d.title);
  });

  it('leaves no advertising, contact or scrape text in any speech', () => {
    const all = documents.map((d) => d.text).join('\n');
    // 公众号 alone also names a legitimate channel in speeches (学习强国、公众号等平台); its advert form has a colon.
    for (const trait of ['客服', '公众号：', '会员群', '代笔', '素材库', 'svip', '##paid', '网盘', '谨防假冒', '一键', '有意加入']) {
      assert.ok(!all.includes(trait), `"${trait}" survived cleaning`);
    }
    assert.ok(!/\(第\d+\/\d+页\)/.test(all), 'page marker survived');
    assert.ok(!/^[…]+$/m.test(all), 'elision line survived');
  });

  it('reads half-width punctuation between Chinese as full-width, and collapses doubled punctuation', () => {
    const all = documents.map((d) => d.text).join('\n');
    assert.ok(!/[\u4e00-\u9fff][,;:?!][\u4e00-\u9fff]/.test(all));
    assert.ok(!/，，|。。/.test(all));
    assert.ok(documents[3].text.includes('，确保锤炼品格强化忠诚'));
    assert.ok(documents[3].text.includes('“三观”'));
    assert.ok(documents[2].text.includes('发言完毕，谢谢大家！'));
  });

  it('never changes the corpus files', () => {
    assert.deepEqual(hashTree(CORPUS_DIR), hashesBefore);
  });
});

describe('corpus: cleanText', () => {
  it('drops markers, page numbers, elisions and an advert block, keeps blank lines between speeches', () => {
    const raw = [
      '##paidbegin##',
      '第一篇讲话(第2/9页)',
      '正文一,包括"引号"和(括号),还有，，重复。',
      '………',
      '',
      '',
      '第二篇发言',
      '正文二。',
      '',
      '【某某文库】每天更新材料，会员群同步更新，有意加入请联系：138 1234 5678',
      '添加客服：abc，认准唯一平台（公众号：某某）',
      '##paidend##',
    ].join('\n');
    assert.equal(cleanText(raw), '第一篇讲话\n正文一，包括“引号”和（括号），还有，重复。\n\n第二篇发言\n正文二。');
  });

  it('leaves numbers, times and English alone', () => {
    assert.equal(cleanText('增长1,000万元, at 10:30 (UTC), "ok"'), '增长1,000万元， at 10:30 (UTC), "ok"');
  });

  it('cuts an advert glued onto a long paragraph, keeping the prose', () => {
    const prose = '要充分利用学习强国、公众号等平台，让党员在指尖上高效学习。'.repeat(12);
    const advert = '更多材料欢迎加入会员群，添加客服微信：abc123。';
    assert.equal(cleanText(prose + advert), prose);
  });

  it('keeps speech lines that merely mention joining or contacting', () => {
    const line = '加入中国共产党，必须密切联系群众，这是会员制度无法替代的。';
    assert.equal(cleanText(line), line);
  });
});
