// The bundled sample corpus and its PhraseIndex, loaded once for the phrase and completion tests.
import * as path from 'node:path';
import { defaultCorpusDir, loadCorpus } from '../../src/core/corpus';
import { buildPhraseIndex, type PhraseIndex } from '../../src/core/complete';
import type { SpeechDocument } from '../../src/core/types';

let loaded: Promise<{ documents: SpeechDocument[]; index: PhraseIndex }> | undefined;

export function sampleIndex(): Promise<{ documents: SpeechDocument[]; index: PhraseIndex }> {
  loaded ??= loadCorpus([defaultCorpusDir(path.join(__dirname, '..', '..'))]).then(({ documents }) => ({ documents, index: buildPhraseIndex(documents) }));
  return loaded;
}
