// The bundled sample corpus and its index, loaded once for the phrase, completion and check tests.
import * as path from 'node:path';
import { defaultCorpusDir, loadCorpus } from '../../src/core/corpus';
import { buildCorpusIndex, type CorpusIndex } from '../../src/core/index';
import { findCorpusSlips, type CorpusSlip } from '../../src/core/index/slips';
import type { SpeechDocument } from '../../src/core/types';

let loaded: Promise<{ documents: SpeechDocument[]; index: CorpusIndex }> | undefined;

export function sampleIndex(): Promise<{ documents: SpeechDocument[]; index: CorpusIndex }> {
  loaded ??= loadCorpus([defaultCorpusDir(path.join(__dirname, '..', '..'))]).then(({ documents }) => ({ documents, index: buildCorpusIndex(documents) }));
  return loaded;
}

/** The sample corpus's index, its own slips (found as when it is indexed) and its speeches' text joined. */
export async function sampleSlips(): Promise<{ index: CorpusIndex; slips: CorpusSlip[]; text: string }> {
  const { index } = await sampleIndex();
  return { index, slips: findCorpusSlips(index.corpus, index.formulations), text: index.documents.map((d) => d.text).join('\n') };
}
