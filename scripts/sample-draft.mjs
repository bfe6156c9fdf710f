// The sample draft workspace that `npm start` opens (and the e2e tests start from): one speech in
// progress, with an opening and the three headings a 讲话稿 usually has.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const sampleDraftName = '讲话稿.md';

export const sampleDraft = `# 在全市2026年度重点工作推进会上的讲话

同志们：

今天，我们召开全市重点工作推进会，主要任务是总结前一阶段工作，分析当前形势，部署下一步任务。刚才，几位同志作了发言，讲得很好，我都同意。下面，我讲三点意见。

## 一、提高政治站位，深刻认识做好今年工作的重要意义

## 二、突出工作重点，推动各项任务落地见效

## 三、强化责任担当，确保目标任务圆满完成

同志们，
`;

/**
 * Creates `dir` with the sample draft in it. An existing draft is left as it is (`npm start`
 * reopens the same workspace, and what the user typed there is theirs) unless `overwrite` is set.
 */
export function createSampleWorkspace(dir, { overwrite = false } = {}) {
  mkdirSync(dir, { recursive: true });
  const draft = join(dir, sampleDraftName);
  if (overwrite || !existsSync(draft)) writeFileSync(draft, sampleDraft);
  return draft;
}
