// 相关素材 on the sample corpus: the paragraphs most related to a paragraph or heading being written.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCorpus } from '../../src/core/corpus';
import { SearchTables } from '../../src/core/index';
import { bareText, relatedFocus, relatedPassages } from '../../src/core/search';
import type { SpeechDocument } from '../../src/core/types';

const CORPUS = path.join(__dirname, '..', '..', 'media', 'corpus');

describe('相关素材 (related passages)', () => {
  let docs: SpeechDocument[];
  let tables: SearchTables;

  before(async () => {
    docs = (await loadCorpus([CORPUS])).documents;
    tables = SearchTables.build(docs);
  });

  it('follows a heading being written: paragraphs on its topic, each with its title and heading path', () => {
    const hits = relatedPassages(tables, '二、大兴调查研究，推进成果转化走实', { top: 5 });
    assert.equal(hits.length, 5);
    const onTopic = hits.filter((h) => /调查研究|调研/.test(h.text));
    assert.ok(onTopic.length >= 4, hits.map((h) => h.text.slice(0, 20)).join(' | '));
    const byId = new Map(docs.map((d) => [d.id, d]));
    for (const h of hits) {
      const doc = byId.get(h.docId)!;
      assert.equal(h.kind, 'paragraph');
      assert.equal(h.title, doc.title);
      assert.equal(doc.text.split('\n')[h.line].slice(h.column, h.column + h.text.length), h.text);
      assert.ok(Array.isArray(h.headingPath));
    }
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].score >= hits[i].score);
    // A paragraph under a heading on the topic carries that heading.
    assert.ok(hits.some((h) => h.headingPath.some((p) => /调查研究/.test(p))));
  });

  it('follows a paragraph being written, and never returns that paragraph', () => {
    const own = docs.find((d) => d.text.includes('调查研究是谋事之基、成事之道'))!;
    const paragraph = own.text.split('\n').find((l) => l.includes('调查研究是谋事之基、成事之道'))!.trim();
    const hits = relatedPassages(tables, paragraph, { top: 10 });
    assert.ok(hits.length === 10);
    assert.ok(hits.every((h) => bareText(h.text) !== bareText(paragraph)));
    assert.ok(hits.slice(0, 5).filter((h) => /调查研究|调研/.test(h.text)).length >= 4);
  });

  it('lists other speeches first when the draft is itself a file of the corpus, and drops its own paragraph even when edited', () => {
    const own = docs.find((d) => d.text.includes('调查研究是谋事之基、成事之道'))!;
    const paragraph = own.text.split('\n').find((l) => l.includes('调查研究是谋事之基、成事之道'))!.trim();
    // The writer has changed a few characters since the file was indexed.
    const edited = paragraph.replace('谋事之基', '谋事之本').slice(0, -4);
    const hits = relatedPassages(tables, edited, { top: 30, ownSource: own.source });
    const firstOwn = hits.findIndex((h) => h.ownSpeech);
    assert.ok(firstOwn > 0, 'other speeches come first');
    assert.ok(hits.slice(firstOwn).every((h) => h.ownSpeech), 'then the draft’s own file');
    assert.ok(hits.every((h) => !h.text.includes('调查研究是谋事之基、成事之道')), 'its own paragraph never comes back');
  });

  it('gives nothing for an empty text or one without words, and the same list each time', () => {
    assert.deepEqual(relatedPassages(tables, ''), []);
    assert.deepEqual(relatedPassages(tables, '  \u3000\n'), []);
    assert.deepEqual(relatedPassages(tables, '，。！？……'), []);
    const text = '要把为民服务作为检验主题教育成效的重要标尺';
    assert.deepEqual(relatedPassages(tables, text), relatedPassages(tables, text));
    assert.deepEqual(relatedPassages(tables, text, { token: { isCancellationRequested: true } }), []);
  });

  it('follows the paragraph the cursor is in, or the heading above a line too short to go on, never the pinyin being composed', () => {
    const draft = ['# 在全市工作会议上的讲话', '', '## 一、大兴调查研究，推进成果转化走实', '', '要坚持问题导向，深入基层开展调研', '', '同志'];
    const at = (line: number, ch = draft[line].length) => relatedFocus((n) => draft[n], line, ch);
    assert.deepEqual(at(4), { text: '要坚持问题导向，深入基层开展调研', line: 4, heading: false, composing: false });
    assert.deepEqual(at(2), { text: '一、大兴调查研究，推进成果转化走实', line: 2, heading: true, composing: false });
    // Two characters and an empty line say too little: the heading above is followed.
    assert.equal(at(6)?.line, 2);
    assert.equal(at(5)?.line, 2);
    assert.equal(at(0)?.text, '在全市工作会议上的讲话');
    // A pinyin IME writes its letters into the line while composing: they are no part of the focus.
    const composing = [...draft];
    composing[4] = '要坚持问题导向，深入基层开展调研diaoc';
    const focus = relatedFocus((n) => composing[n], 4, composing[4].length);
    assert.deepEqual(focus, { text: '要坚持问题导向，深入基层开展调研', line: 4, heading: false, composing: true });
    assert.equal(relatedFocus(() => '', 0, 0), undefined);
  });
});
