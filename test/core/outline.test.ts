// Outline extraction: the levels of 001_043815fb607ac4ae.txt as read from the file, and the level rules.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { extractOutline } from '../../src/core/outline';
import { parseSpeeches } from '../../src/core/corpus';
import { CORPUS_DIR } from './fixtures/corpusFixtures';

describe('outline', () => {
  it('reads 001_043815fb607ac4ae.txt as four sections of 一、 with 一要 points under each', () => {
    const file = path.join(CORPUS_DIR, '001_043815fb607ac4ae.txt');
    const [doc] = parseSpeeches(readFileSync(file, 'utf8'), file);
    const lines = doc.text.split('\n');
    // Read off the file: 一、 at cleaned lines 7/12/18/24, with 3, 4, 4 and 4 `N要` points.
    const expected: [number, string, boolean][] = [
      [1, '一、提高政治站位，深刻认识开展主题教育的重大意义', false],
      [2, '一要通过主题教育感悟真理力量，不断强化思想政治引领', true],
      [2, '二要通过主题教育鼓足奋斗干劲，加快推动高质量发展', true],
      [2, '三要通过主题教育营造良好生态，一刻不停推进全面从严治党', true],
      [1, '二、准确把握要求，确保主题教育扎实有序推进', false],
      [2, '一要聚焦学思想，把握运用党的理论的世界观方法论', true],
      [2, '二要突出强党性，永葆共产党人政治本色', true],
      [2, '三要坚持重实践，推动高质量发展取得新突破', true],
      [2, '四要深化建新功，创造经得起检验的实绩', true],
      [1, '三、紧扣关键环节，确保主题教育取得扎实成效', false],
      [2, '一要聚力推动学习教育往深里走、心里走、实里走', true],
      [2, '二要聚力推动查摆提升够具体、真客观、见于行', true],
      [2, '三要聚力推动调查研究察实情、出实招、求实效', true],
      [2, '四要聚力推动检视整改有广度、有深度、有精度', true],
      [1, '四、加强组织领导，全力推动主题教育走深做实', false],
      [2, '一要压紧压实责任', true],
      [2, '二要强化分类施策', true],
      [2, '三要加强宣传引导', true],
      [2, '四要严实工作作风', true],
    ];
    assert.deepEqual(
      doc.headings.map((h) => [h.level, h.text, h.point === true]),
      expected,
    );
    assert.deepEqual(
      doc.headings.filter((h) => !h.point).map((h) => h.line),
      [7, 12, 18, 24],
    );
    for (const h of doc.headings) assert.ok(lines[h.line].startsWith(h.text), `line ${h.line} is "${h.text}"`);
  });

  it('nests 一、 > （一） > 1. > （1） and puts points one level below the heading before them', () => {
    const text = ['总起。', '一、甲', '（一）乙。正文', '1.丙', '（1）丁', '一是戊。', '二、己', '一要庚'].join('\n');
    assert.deepEqual(
      extractOutline(text).map((h) => [h.level, h.text, h.line, !!h.point]),
      [
        [1, '一、甲', 1, false],
        [2, '（一）乙', 2, false],
        [3, '1.丙', 3, false],
        [4, '（1）丁', 4, false],
        [5, '一是戊', 5, true],
        [1, '二、己', 6, false],
        [2, '一要庚', 7, true],
      ],
    );
  });

  it('levels are relative to the styles a speech uses: 第一， alone is the top level', () => {
    const text = '同志们：\n第一，要提高站位。\n一是统一思想。\n第二，要狠抓落实\n（一）加强领导';
    assert.deepEqual(
      extractOutline(text).map((h) => [h.level, h.text]),
      [
        [1, '第一，要提高站位'],
        [2, '一是统一思想'],
        [1, '第二，要狠抓落实'],
        [2, '（一）加强领导'],
      ],
    );
  });

  it('ignores decimals, years and inline points, and shortens long heading sentences', () => {
    const long = `一、${'很'.repeat(60)}`;
    const hs = extractOutline(['1.5亿元已经到位。', '2023年是开局之年。', '借此机会，一是要……', long].join('\n'));
    assert.equal(hs.length, 1);
    assert.equal(hs[0].line, 3);
    assert.ok(hs[0].text.length <= 41 && hs[0].text.endsWith('…'));
  });
});
