// What the editor passes the engine and relies on: the document's text before the cursor, earlier
// lines included (up to completionTuning.selfWindow chars, as src/completer.ts textBefore reads it), and
// items that only ever replace typed text on the cursor's line. Also what 补全积极程度 relies on: a
// quieter setting never offers where a more eager one offers nothing, and the ghost text is the list's
// first item at every setting.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { completionTuning, EAGERNESS, type CompletionItem } from '../../src/core/complete';
import type { CorpusIndex } from '../../src/core/index';
import { suggest } from '../../src/core/suggest';
import type { SpeechDocument } from '../../src/core/types';
import { sampleIndex } from './phrasesFixture';

let index: CorpusIndex;
let documents: SpeechDocument[];

before(async function () {
  this.timeout(20_000); // mines the sample corpus once (~2 s, more on a busy machine)
  ({ documents, index } = await sampleIndex());
});

/** The typed text of the cursor's line: what follows the last line break. */
function cursorLine(before: string): string {
  return before.slice(Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1);
}

function assertOnCursorLine(items: CompletionItem[], before: string): void {
  const line = cursorLine(before);
  for (const it of items) {
    assert.ok(it.replace <= line.length, `replaces ${it.replace} chars, the line has ${line.length}: ${JSON.stringify(line)} → ${JSON.stringify(it.insert)}`);
    assert.equal(it.insert.slice(0, it.replace), line.slice(line.length - it.replace), 'the replaced text is what was typed on the line');
    assert.ok(!/[\r\n]/.test(it.insert), `no line break in ${JSON.stringify(it.insert)}`);
  }
}

describe('completion on a draft’s text before the cursor (earlier lines included)', () => {
  /** A draft: corpus text up to the window's length, line breaks as LF or CRLF, cut anywhere. */
  const draftText = () =>
    fc
      .tuple(fc.nat(documents.length - 1), fc.nat(), fc.integer({ min: 0, max: completionTuning.selfWindow }), fc.boolean())
      .map(([d, at, len, crlf]) => {
        const t = documents[d].text;
        const i = at % Math.max(1, t.length);
        const slice = t.slice(i, i + len);
        return crlf ? slice.replace(/\n/g, '\r\n') : slice;
      });

  it('items replace only typed text on the cursor’s line, at every eagerness, list and ghost text alike (property)', () => {
    fc.assert(
      fc.property(draftText(), fc.constantFrom(...EAGERNESS), (before, eagerness) => {
        const list = suggest(index, before, { eagerness });
        assertOnCursorLine(list, before);
        const ghost = suggest(index, before, { eagerness, inline: true });
        assertOnCursorLine(ghost, before);
        // The ghost text is the list's first item, or nothing.
        if (ghost.length) assert.deepEqual(ghost, [list[0]]);
      }),
      { numRuns: 150 },
    );
  });

  it('a heading just typed, with the draft above it, is completed from its own line only', () => {
    const draft = '# 在主题教育读书班上的研讨发言\n\n一、坚持以学铸魂\n\n我们要坚持不懈用习近平新时代中国特色社会主义思想凝心铸魂。\n\n';
    for (const heading of ['二、坚持以学增智', '## 二、坚持以学增智']) {
      for (const eol of ['\n', '\r\n']) {
        const before = draft.replace(/\n/g, eol) + heading;
        const items = suggest(index, before, { eagerness: 'eager' });
        assert.ok(items.length > 0, `something is offered after ${JSON.stringify(heading)}`);
        assertOnCursorLine(items, before);
      }
    }
  });

  it('a quieter setting offers a subset of the occasions: quiet ⇒ normal ⇒ eager, for the list and the ghost text (property)', () => {
    fc.assert(
      fc.property(draftText(), (before) => {
        const offered = EAGERNESS.map((eagerness) => suggest(index, before, { eagerness }).length > 0);
        const ghosts = EAGERNESS.map((eagerness) => suggest(index, before, { eagerness, inline: true }).length > 0);
        // EAGERNESS runs quiet, normal, eager.
        for (const shown of [offered, ghosts]) {
          if (shown[0]) assert.ok(shown[1], `quiet offers but normal does not: ${JSON.stringify(before.slice(-40))}`);
          if (shown[1]) assert.ok(shown[2], `normal offers but eager does not: ${JSON.stringify(before.slice(-40))}`);
        }
      }),
      { numRuns: 100 },
    );
  });
});
