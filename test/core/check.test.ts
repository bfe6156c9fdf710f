// 提法核对 on the bundled sample corpus: near-misses of well-attested formulations are flagged with
// the corpus's wording, and right text is left alone. (The leave-one-out bounds on false alarms and
// recall are in test/integration/checkLeaveOneOut.test.ts; the speed is in npm run bench:check.)
import * as assert from 'node:assert/strict';
import { checkFormulations, type FormulationIssue } from '../../src/core/check';
import { buildCorpusIndex, FormulationTable, suspectSlips, type CorpusIndex } from '../../src/core/index';
import type { SpeechDocument } from '../../src/core/types';
import { sampleIndex } from './phrasesFixture';

let documents: SpeechDocument[];
let index: CorpusIndex;

before(async function () {
  this.timeout(20_000); // mines the sample corpus once for every test of the file
  ({ documents, index } = await sampleIndex());
});

/** The draft with every issue's span replaced by its expected text. */
function applyFixes(draft: string, issues: FormulationIssue[]): string {
  let out = draft;
  for (const i of [...issues].sort((a, b) => b.start - a.start)) out = out.slice(0, i.start) + i.expected + out.slice(i.end);
  return out;
}

function only(draft: string): FormulationIssue {
  const issues = checkFormulations(index, draft);
  assert.equal(issues.length, 1, JSON.stringify(issues.map((i) => [i.found, i.expected])));
  assert.equal(draft.slice(issues[0].start, issues[0].end), issues[0].found);
  return issues[0];
}

describe('check: near-misses of formulations', () => {
  it('flags 做到“两个拥护” with 做到“两个维护”, the span exactly, with the corpus evidence', () => {
    const draft = '全体党员要切实做到“两个拥护”，以实际行动践行初心使命。';
    const issue = only(draft);
    assert.equal(issue.found, '做到“两个拥护”');
    assert.equal(issue.expected, '做到“两个维护”');
    assert.equal(issue.start, draft.indexOf('做到'));
    assert.equal(issue.kind, 'substitution');
    assert.ok(issue.phrase.count >= 10 && issue.phrase.speeches >= 10, JSON.stringify(issue.phrase));
    assert.ok(issue.phrase.example && issue.phrase.example.title && issue.phrase.example.source.endsWith('.txt'));
    assert.ok(issue.confidence >= 0.8 && issue.confidence <= 1);
    assert.equal(applyFixes(draft, [issue]), draft.replace('拥护', '维护'));
  });

  it('leaves the right formulations alone', () => {
    const draft = [
      '我们要深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”。',
      '要坚持以学铸魂、以学增智、以学正风、以学促干，推动主题教育走深走实。',
      '围绕“学思想、强党性、重实践、建新功”的总要求，把理论学习、调查研究、推动发展、检视整改贯通起来。',
      '第三批主题教育要读原著、学原文、悟原理，不断提升履职能力。',
    ].join('\n');
    assert.deepEqual(checkFormulations(index, draft), []);
  });

  it('flags nothing in any sample speech checked against the whole corpus (a variant the corpus writes is a wording)', () => {
    for (const d of documents) assert.deepEqual(checkFormulations(index, d.text).map((i) => i.found), [], d.title);
  });

  it('flags a wrong character in a group item used alone: 以学增志 → 以学增智', () => {
    const issue = only('大家要以学增志，提高本领。');
    assert.equal(issue.found, '以学增志');
    assert.equal(issue.expected, '以学增智');
  });

  it('flags a wrong character inside a whole parallel group, and the fix gives the group back', () => {
    const draft = '坚持以学铸魂、以学增智、以学整风、以学促干。';
    const issue = only(draft);
    assert.equal(issue.expected, '以学铸魂、以学增智、以学正风、以学促干');
    assert.equal(applyFixes(draft, [issue]), '坚持以学铸魂、以学增智、以学正风、以学促干。');
  });

  it('flags items of a group swapped: 增强“四个自信”、坚定“四个意识” as one transposition of the group', () => {
    const draft = '要增强“四个自信”、坚定“四个意识”、做到“两个维护”。';
    const issue = only(draft);
    assert.equal(issue.kind, 'transposition');
    assert.equal(issue.expected, '增强“四个意识”、坚定“四个自信”、做到“两个维护”');
    assert.equal(applyFixes(draft, [issue]), '要增强“四个意识”、坚定“四个自信”、做到“两个维护”。');
  });

  it('flags one item in another item’s frame: 坚定“四个意识” → 坚定“四个自信”', () => {
    const issue = only('广大党员干部要坚定“四个意识”。');
    assert.equal(issue.expected, '坚定“四个自信”');
  });

  it('flags a dropped or an added character inside quotes', () => {
    for (const draft of ['坚决做到“两维护”。', '坚决做到“两个维维护”。']) {
      const issue = only(draft);
      assert.match(issue.expected, /做到“两个维护”$/);
      assert.equal(applyFixes(draft, [issue]), '坚决做到“两个维护”。');
    }
  });

  it('flags the slips of issue 13: two characters changed, a word inserted, a homophone or look-alike in a numbered formulation', () => {
    const cases: [string, string, number][] = [
      // [draft, the text after the fix, characters the slip changed]
      ['深入学习习近平新时代中国特色社会注意思想。', '深入学习习近平新时代中国特色社会主义思想。', 2],
      ['坚决做到“两个坚决维护”。', '坚决做到“两个维护”。', 2],
      ['切实做到“两个拥护”。', '切实做到“两个维护”。', 1],
      ['不断增强“四个意思”。', '不断增强“四个意识”。', 1],
      ['坚定“四个自性”。', '坚定“四个自信”。', 1],
      ['深刻领悟“两个确力”的决定性意义。', '深刻领悟“两个确立”的决定性意义。', 1],
      ['牢记使名，砥砺前行。', '牢记使命，砥砺前行。', 1],
    ];
    for (const [draft, right, edits] of cases) {
      const issue = only(draft);
      assert.equal(applyFixes(draft, [issue]), right, draft);
      assert.equal(issue.edits, edits, draft);
    }
    // The channel that makes a slip likelier: 注意 is typed for 主义 (zhuyi), 确力 for 确立 (queli).
    assert.equal(only('深刻领悟“两个确力”的决定性意义。').channel, 'homophone');
    assert.equal(only('深入学习习近平新时代中国特色社会注意思想。').channel, 'homophone');
  });

  it('flags two neighbours swapped inside quotes, and two substitutions only where each is typed for the other', () => {
    const swapped = only('坚决做到“两个护维”。');
    assert.equal(swapped.kind, 'transposition');
    assert.equal(applyFixes('坚决做到“两个护维”。', [swapped]), '坚决做到“两个维护”。');
    // 社会文化思想 is two characters away too, but neither is a homophone or look-alike: another wording.
    assert.deepEqual(checkFormulations(index, '深入学习习近平新时代中国特色社会文化思想。').filter((i) => i.edits === 2), []);
  });

  it('leaves numbers, punctuation and look-alike wordings alone', () => {
    for (const draft of [
      '第一批主题教育已经结束，第三批主题教育即将开始。', // a batch number, not a slip
      '做到“两个维护”、增强“四个意识”。', // another order of separate phrases, not a group
      '心怀“国之大者”，胸怀“国之大者”。', // a verb outside the quotes may vary
      '深刻学习，持续推进，牢牢掌握。', // short plain phrases have legitimate look-alikes
      '习近平总书记指示，习近平总书记强调。', // a word at the end of a long phrase
      '推动高质量发展，推动经济高质量发展。', // a plain phrase takes a word
    ])
      assert.deepEqual(checkFormulations(index, draft).map((i) => `${i.found}→${i.expected}`), [], draft);
  });

  it('reports issues in text order, without overlaps, with UTF-16 offsets past astral characters', () => {
    const draft = '𠀀𠀀做到“两个拥护”，𠀀以学增志。';
    const issues = checkFormulations(index, draft);
    assert.deepEqual(issues.map((i) => i.found), ['做到“两个拥护”', '以学增志']);
    for (const i of issues) assert.equal(draft.slice(i.start, i.end), i.found);
    assert.equal(applyFixes(draft, issues), '𠀀𠀀做到“两个维护”，𠀀以学增智。');
  });

  it('copes with empty and tiny drafts, and with an empty corpus', () => {
    assert.deepEqual(checkFormulations(index, ''), []);
    assert.deepEqual(checkFormulations(index, '做'), []);
    const empty = buildCorpusIndex([]);
    assert.equal(empty.formulations.formulations.length, 0);
    assert.deepEqual(checkFormulations(empty, '做到“两个拥护”'), []);
  });

  it('stops when cancelled', () => {
    const draft = '做到“两个拥护”。'.repeat(2000);
    assert.deepEqual(checkFormulations(index, draft, { token: { isCancellationRequested: true } }), []);
  });

  it('finds the slips at the end of 10,000 characters of real speech text', () => {
    const text = documents.map((d) => d.text).join('\n').slice(0, 10_000 - 40) + '做到“两个拥护”，以学增志，坚定“四个意识”。';
    const issues = checkFormulations(index, text);
    assert.deepEqual(issues.slice(-3).map((i) => i.expected), ['做到“两个维护”', '以学增智', '坚定“四个自信”']);
  });
});

describe('check: garbled copies of a formulation among mined items (疑似笔误, for completion)', () => {
  it('a rare item made of a long formulation’s characters in order, with its ends, is suspect', () => {
    const slip = index.formulations.suspectSlip('习近平主义想', 1);
    assert.equal(slip?.expected, '习近平新时代中国特色社会主义思想');
    assert.equal(slip?.kind, 'garbled');
    // A fragment (not both ends), a short or a well-used text is not.
    assert.equal(index.formulations.suspectSlip('习近平新时代', 1), undefined);
    assert.equal(index.formulations.suspectSlip('党的建设', 1), undefined);
    assert.equal(index.formulations.suspectSlip('习近平主义想', 50), undefined);
  });

  it('marks no mined item of the sample corpus', () => {
    assert.deepEqual([...suspectSlips(index.mined, index.formulations).keys()], []);
  });
});

describe('check: the formulation table as the worker hands it over', () => {
  it('filed again from its parts, it finds exactly what the table it came from finds', () => {
    const parts = index.formulations.toParts();
    // A structured clone, as postMessage makes one.
    const copy = FormulationTable.fromParts(structuredClone(parts));
    assert.equal(copy.formulations.length, index.formulations.formulations.length);
    assert.ok(copy.formulations.length > 100, `${copy.formulations.length} formulations`);
    const draft = documents.map((d) => d.text).join('\n').slice(0, 20_000) + '做到“两个拥护”，以学增志，要增强“四个自信”、坚定“四个意识”、做到“两个维护”。';
    const viaCopy = checkFormulations({ corpus: index.corpus, formulations: copy }, draft);
    assert.deepEqual(viaCopy, checkFormulations(index, draft));
    assert.ok(viaCopy.length >= 3);
  });

  it('refuses parts whose slots do not fit the formulations', () => {
    const parts = index.formulations.toParts();
    assert.throws(() => FormulationTable.fromParts({ ...parts, slots: parts.slots.subarray(0, parts.slots.length - 1) }), /do not fit/);
  });
});


