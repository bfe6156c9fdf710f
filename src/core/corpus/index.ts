// The corpus engine: bytes → text → cleaned speeches with kind and outline.
export { decodeBytes, type DecodedText } from './decode';
export { cleanText, cleanLines, type CleanLine } from './clean';
export { parseSpeeches, isTitleShaped } from './split';
export { classifySpeech } from './kind';
export { readSpeechFile, loadCorpus, defaultCorpusDir, isCorpusFile, CORPUS_EXTENSIONS, DEFAULT_MAX_FILE_BYTES, type LoadCorpusOptions } from './load';
export { extractOutline } from '../outline';
