// The CLI's words for why a corpus file was skipped: Chinese first, an English gloss after, as the
// CLI's other messages are (a terminal has no display language to follow).
import { megabytes, wordSkip, type SkipReason, type SkipWording } from '../core/corpus';

const TABLE: SkipWording = {
  unsupportedType: (r) => `不支持的文件类型 ${r.ext || '（无扩展名）'}（unsupported file type）`,
  emptyFile: () => '空文件（0 字节）（empty file）',
  noText: () => '没有可索引的文字（no text）',
  notRegularFile: () => '不是普通文件（not a regular file）',
  tooLarge: (r) =>
    r.fixedLimit
      ? `文件过大（${megabytes(r.bytes)}，上限 ${megabytes(r.limitBytes)}，不可调高）（file too large）`
      : `文件过大（${megabytes(r.bytes)}，上限 ${megabytes(r.limitBytes)}）；调高上限：设置 speechDrafter.corpus.maxFileMB，或命令行 --max-file-mb N（file too large）`,
  stalled: (r) => `读取超时：${r.seconds} 秒无响应（stalled; a network drive?）`,
  keptChanging: () => '读取时文件一直在被改写，未索引（file kept changing while being read）',
  permissionDenied: () => '没有读取权限（permission denied）',
  notFound: () => '文件不存在（not found）',
  symlinkLoop: () => '符号链接循环（symlink loop）',
  isFolder: () => '是文件夹，不是文件（a folder, not a file）',
  ioError: (r) => `${r.message || '无法读取'}${r.errno ? `（${r.errno}）` : ''}`,
  binary: (r) =>
    r.detail === 'controls' ? '不是文本文件：控制字符过多（mostly control characters, binary data）' : '不是文本文件：含有 NUL 字符（binary data, or UTF-16 without a BOM）',
  undecodable: (r) =>
    r.encoding ? `${r.encoding.toUpperCase()} 文本已损坏，无法解码（invalid ${r.encoding}）` : '无法识别的编码：既不是 UTF-8/UTF-16，也不是 GBK/GB18030（undecodable text）',
  corruptArchive: (r) => `文件已损坏：${r.detail === 'notZip' ? '找不到 ZIP 目录' : r.detail === 'directory' ? 'ZIP 目录已损坏' : r.detail === 'entry' ? 'ZIP 条目已损坏' : `${r.entry ?? ''} 解压失败或大小与声明不符`}（corrupt file）`,
  zip64: () => '不支持 ZIP64 格式（ZIP64 not supported）',
  wrongFormat: (r) => `不是有效的 ${r.expected} 文件（not a ${r.expected} file）`,
  zipBomb: (r) => `解压后过大（${r.megabytes} MB），疑似压缩炸弹，已跳过（zip bomb）`,
  unsupportedCompression: (r) => `不支持的压缩方式 ${r.method}（${r.entry}）（unsupported compression）`,
  parseFailed: (r) => `无法解析：${r.message}（parse failed）`,
  damaged: (r) => `${r.format} 文件已损坏：${r.message}（damaged ${r.format} file）`,
  encrypted: (r) => `${r.format} 文件有密码保护，无法读取（password-protected）`,
  noTextLayer: () => '无文字层（扫描件）（scanned PDF without a text layer）',
  notWordBinary: (r) => `不是 Word 97–2003 格式的 ${r.format} 文件（not a Word 97–2003 compound file）`,
  folderTooDeep: (r) => `文件夹嵌套超过 ${r.depth} 层，未再深入（folders nested too deep）`,
  badFileName: () => '文件名不是有效的 UTF-8 编码，无法按名打开（invalid file name encoding; rename the file）',
  brokenLink: (r, word) => `链接无效：${word(r.cause)}（broken link）`,
  emptyPath: () => '语料路径为空（empty corpus path）',
  sourceUnavailable: (r, word) => `语料路径不可用：${word(r.cause)}（corpus path unavailable）`,
};

export function skipReasonText(reason: SkipReason): string {
  return wordSkip(reason, TABLE);
}
