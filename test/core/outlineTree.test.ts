import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { countCharacters } from '../../src/core/count';
import { defaultCorpusDir, loadCorpus } from '../../src/core/corpus';
import { groupByKind, nestHeadings, openingLines, sectionEnd, speechLength, type OutlineNode } from '../../src/core/outlineTree';
import type { Heading, SpeechDocument, SpeechKind } from '../../src/core/types';

function doc(title: string, kind: SpeechKind, text = title): SpeechDocument {
  return { id: `mem#${title}`, title, kind, text, source: '', sourceLines: [0, 0], headings: [] };
}

/** Flattens a nested outline back to (depth, text) pairs in document order. */
function flatten(nodes: OutlineNode[], depth = 0): [number, string][] {
  return nodes.flatMap((n) => [[depth, n.heading.text] as [number, string], ...flatten(n.children, depth + 1)]);
}

describe('outlineTree', () => {
  describe('groupByKind', () => {
    it('orders kinds as SPEECH_KINDS does, omits empty kinds and keeps speech order', () => {
      const groups = groupByKind([doc('心得A', '心得体会'), doc('讲话A', '讲话'), doc('讲话B', '讲话'), doc('主持A', '主持词')]);
      assert.deepEqual(groups.map((g) => [g.kind, g.documents.map((d) => d.title)]), [
        ['讲话', ['讲话A', '讲话B']],
        ['主持词', ['主持A']],
        ['心得体会', ['心得A']],
      ]);
    });
    it('returns no groups for an empty corpus', () => {
      assert.deepEqual(groupByKind([]), []);
    });
  });

  describe('nestHeadings', () => {
    // The opening of the outline of 001_043815fb607ac4ae.txt (the sample's 主持讲话): 一、 headings with 一要 points.
    const headings: Heading[] = [
      { level: 1, text: '一、提高政治站位，深刻认识开展主题教育的重大意义', line: 6 },
      { level: 2, text: '一要通过主题教育感悟真理力量', line: 8, point: true },
      { level: 2, text: '二要通过主题教育鼓足奋斗干劲', line: 9, point: true },
      { level: 1, text: '二、准确把握要求，确保主题教育扎实有序推进', line: 11 },
      { level: 2, text: '一要聚焦学思想', line: 13, point: true },
    ];

    it('puts points under the heading they follow', () => {
      assert.deepEqual(flatten(nestHeadings(headings)), [
        [0, headings[0].text],
        [1, headings[1].text],
        [1, headings[2].text],
        [0, headings[3].text],
        [1, headings[4].text],
      ]);
    });

    it('tolerates skipped levels and a first heading below level 1', () => {
      const odd: Heading[] = [
        { level: 3, text: '1.', line: 0 },
        { level: 1, text: '一、', line: 1 },
        { level: 3, text: '2.', line: 2 },
        { level: 2, text: '（一）', line: 3 },
        { level: 3, text: '3.', line: 4 },
      ];
      assert.deepEqual(flatten(nestHeadings(odd)), [
        [0, '1.'],
        [0, '一、'],
        [1, '2.'],
        [1, '（一）'],
        [2, '3.'],
      ]);
    });

    it('sectionEnd stops before the next heading of the same or higher level', () => {
      assert.equal(sectionEnd(headings, 0, 40), 10);
      assert.equal(sectionEnd(headings, 1, 40), 8);
      assert.equal(sectionEnd(headings, 3, 40), 39);
    });
  });

  describe('on the sample corpus', () => {
    let documents: SpeechDocument[];
    before(async () => {
      documents = (await loadCorpus([defaultCorpusDir(path.join(__dirname, '..', '..'))])).documents;
    });

    it('groups every speech exactly once', () => {
      const groups = groupByKind(documents);
      assert.equal(groups.reduce((n, g) => n + g.documents.length, 0), documents.length);
      assert.equal(new Set(groups.flatMap((g) => g.documents)).size, documents.length);
    });

    it('nests every heading exactly once, in document order, each child deeper than its parent', () => {
      for (const d of documents) {
        const walk = (nodes: OutlineNode[], parentLevel: number): Heading[] =>
          nodes.flatMap((n) => {
            assert.ok(n.heading.level > parentLevel, `${d.title}: ${n.heading.text}`);
            return [n.heading, ...walk(n.children, n.heading.level)];
          });
        assert.deepEqual(walk(nestHeadings(d.headings), -Infinity), d.headings, d.title);
      }
    });
  });

  it('speechLength counts 字 as Word and WPS do: each Chinese character and mark 1, an English word or number 1, no whitespace', () => {
    // 同志们(3)：(1) 现在开会(4)。(1) 𠀀(1, outside the BMP) = 10
    assert.equal(speechLength(' 同志们：\n现在开会。\t𠀀'), 10);
    assert.equal(speechLength('\u3000\u00a0\ufeff甲\u2003乙\r\n'), 2);
    // 2023(1 word) 年(1) GDP(1 word) 增长(2) 5.2%(1 word) ，(1) ＡＩ(2) = 9
    assert.equal(speechLength('2023年GDP增长5.2%，ＡＩ'), 9);
  });

  it('speechLength is the status bar’s count (countCharacters) on every sample speech', async () => {
    const { documents } = await loadCorpus([defaultCorpusDir(path.join(__dirname, '..', '..'))]);
    for (const d of documents) assert.equal(speechLength(d.text), countCharacters(d.text).chars, d.title);
  });

  it('openingLines skips the title and blank lines and cuts long text', () => {
    const d = doc('标题', '讲话', '标题\n\n 同志们：\n' + '很'.repeat(300) + '\n下一行');
    const lines = openingLines(d, 4, 100);
    assert.equal(lines[0], '同志们：');
    assert.equal(lines[1], '很'.repeat(96) + '…');
    assert.equal(lines.length, 2);
  });
});
