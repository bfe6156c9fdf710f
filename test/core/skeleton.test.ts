import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCorpus } from '../../src/core/corpus';
import { extractOutline } from '../../src/core/outline';
import { applyHeadingStyle, expandSnippet, headingStyleOf, parseSnippet, speechSkeleton } from '../../src/core/outlineSnippet';
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

describe('the draft’s heading style', () => {
  let docs: SpeechDocument[];
  before(async () => {
    docs = (await loadCorpus([CORPUS])).documents;
  });
  const draft = '# 在全市会议上的讲话\n\n同志们：\n\n## 一、提高政治站位\n\n## 二、突出工作重点\n';

  it('is read from the draft: the marks each numbering is written with, the title’s, and empty lines between paragraphs', () => {
    assert.deepEqual(headingStyleOf(draft), { marks: { chinese: 2, bracketed: 3, ordinal: 3, arabic: 3 }, title: 1, blankLines: true });
    assert.deepEqual(headingStyleOf('## 一、甲\n### （一）乙\n#### 第一，丙\n')?.marks, { chinese: 2, bracketed: 3, ordinal: 4, arabic: 5 });
    // A draft without Markdown headings on its numbered lines keeps outlines plain.
    assert.equal(headingStyleOf('一、提高政治站位\n二、突出工作重点\n'), undefined);
    assert.equal(headingStyleOf('# 只有标题\n\n正文。'), undefined);
  });

  it('turns a structure’s headings alone on their line into Markdown headings, leaves headings that run on into text, and parts the lines', () => {
    const style = headingStyleOf(draft)!;
    const body = '${1:在${2:××}会议上的讲话}\n\n同志们：\n一、${3:提高政治站位}\n（一）${4:……}。${5:……}\n二、${6:突出工作重点}$0';
    assert.equal(
      applyHeadingStyle(body, style),
      '# ${1:在${2:××}会议上的讲话}\n\n同志们：\n\n## 一、${3:提高政治站位}\n\n（一）${4:……}。${5:……}\n\n## 二、${6:突出工作重点}$0',
    );
    // The same body for a draft that writes its lines one after another.
    assert.equal(applyHeadingStyle('一、${1:甲}\n正文', { marks: { chinese: 2 }, blankLines: false }), '## 一、${1:甲}\n正文');
  });

  it('styles a corpus speech’s skeleton: its headings become ## / ###, each still expands to the same text', () => {
    const style = headingStyleOf(draft)!;
    const doc = docs.find((d) => d.source.endsWith('001_043815fb607ac4ae.txt'))!;
    const styled = applyHeadingStyle(speechSkeleton(doc), style);
    assert.match(styled, /^## 一、提高政治站位，深刻认识开展主题教育的重大意义$/m);
    assert.match(styled, /^## 四、加强组织领导，全力推动主题教育走深做实$/m);
    // Points with their blank on the same line stay paragraphs.
    assert.match(styled, /^一要压紧压实责任。\$\d+$/m);
    assert.deepEqual(expandSnippet(styled).tabStops, expandSnippet(speechSkeleton(doc)).tabStops);
  });
});
