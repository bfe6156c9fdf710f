import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCorpus } from '../../src/core/corpus';
import { extractOutline } from '../../src/core/outline';
import { expandSnippet, parseSnippet, speechSkeleton } from '../../src/core/outlineSnippet';
import type { SpeechDocument } from '../../src/core/types';

const CORPUS = path.join(__dirname, '..', '..', 'media', 'corpus');
const levels = (hs: { level: number; point?: boolean }[]) => hs.map((h) => `${h.level}${h.point ? 'p' : ''}`);

describe('speechSkeleton', () => {
  let docs: SpeechDocument[];
  before(async () => {
    docs = (await loadCorpus([CORPUS])).documents;
  });

  it('keeps the headings, levels and numbering of 001_043815fb607ac4ae.txt, with a blank for each body', () => {
    const doc = docs.find((d) => d.source.endsWith('001_043815fb607ac4ae.txt'))!;
    const body = speechSkeleton(doc);
    const { text, tabStops } = expandSnippet(body);
    const outline = extractOutline(text);
    assert.deepEqual(levels(outline), levels(doc.headings));
    assert.deepEqual(outline.map((h) => h.text), doc.headings.map((h) => h.text));
    // title, opening, one per heading, then $0
    assert.equal(tabStops.length, 1 + 1 + doc.headings.length + 1);
    assert.match(body, /^\$\{1:在全市第二批主题教育动员部署工作会议上的主持讲话\}\n同志们：\n\$2\n一、/);
    assert.match(body, /\$0$/);
  });

  it('keeps the heading levels of every corpus speech', () => {
    for (const doc of docs) {
      const outline = extractOutline(expandSnippet(speechSkeleton(doc)).text);
      assert.deepEqual(levels(outline), levels(doc.headings), doc.title);
    }
  });

  it('escapes $ } and \\ in headings, and keeps a closing line as an editable default', () => {
    const text = ['关于$100}的汇报', '各位领导：', '开头。', '一、成本\\费用$5}', '正文。', '二、下一步', '正文。', '汇报完毕，谢谢大家！'].join('\n');
    const doc: SpeechDocument = {
      id: 'x#0', title: '关于$100}的汇报', kind: '汇报', text, source: '', sourceLines: [0, 7], headings: extractOutline(text),
    };
    const body = speechSkeleton(doc);
    assert.doesNotThrow(() => parseSnippet(body));
    const expanded = expandSnippet(body).text;
    assert.equal(expanded, ['关于$100}的汇报', '各位领导：', '', '一、成本\\费用$5}', '', '二、下一步', '', '汇报完毕，谢谢大家！'].join('\n'));
  });

  it('gives a speech without headings a title and one blank', () => {
    const doc: SpeechDocument = { id: 'y#0', title: '', kind: '其他', text: '同志们：\n今天开会。', source: '', sourceLines: [0, 1], headings: [] };
    assert.equal(speechSkeleton(doc), '${1:标题}\n同志们：\n$2$0');
  });
});
