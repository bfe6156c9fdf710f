// The corpus engine: bytes → text → cleaned speeches with kind and outline.
export { decodeBytes, type DecodedText } from './decode';
export { cleanText, cleanLines, cleanRawLines, type CleanLine } from './clean';
export { parseSpeeches, isTitleShaped, SpeechSplitter, MAX_SPEECH_CHARS } from './split';
export { classifySpeech } from './kind';
export {
  readSpeechFile,
  loadCorpus,
  defaultCorpusDir,
  isCorpusFile,
  openReadOnly,
  CORPUS_EXTENSIONS,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_STALL_TIMEOUT_MS,
  MAX_FILE_MB,
  sizeLimitReason,
  SLICE_BYTES,
  type CorpusFileHandle,
  type LoadCorpusOptions,
  type ReadSpeechOptions,
} from './load';
export {
  CORPUS_FORMATS,
  MAX_DOCX_FILE_BYTES,
  MAX_HTML_FILE_BYTES,
  MAX_MHT_FILE_BYTES,
  MAX_ODT_FILE_BYTES,
  MAX_PDF_FILE_BYTES,
  MAX_WORD_BINARY_FILE_BYTES,
} from './formats';
export { extractOutline } from '../outline';
export { oneLine, printablePath, skippedLine } from './report';
export { SkipError, ioErrorReason, megabytes, wordSkip, type SkipCode, type SkipReason, type SkipWording } from './skipReason';
