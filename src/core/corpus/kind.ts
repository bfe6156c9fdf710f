// The kind of a speech: its title names the genre (the most specific genre word wins); a title
// that names none falls back to how the text opens (salutation) and closes.
import type { SpeechKind } from '../types';

/** Title words in order of precedence: `主持` beats `讲话` in 主持讲话, `研讨` beats `发言体会`. */
const TITLE_RULES: [RegExp, SpeechKind][] = [
  [/主持/, '主持词'],
  [/党课/, '党课'],
  [/汇报|进展情况|情况报告|述职/, '汇报'],
  [/研讨|交流发言|座谈发言|交流材料/, '研讨发言'],
  [/心得|体会|感悟|感想/, '心得体会'],
  [/讲话|致辞|讲稿|动员|演讲|报告会上/, '讲话'],
  [/发言/, '研讨发言'],
  [/总结/, '总结'],
];

const REPORT_CLOSING = /汇报完毕|以上汇报|特此汇报|现将.{0,20}汇报如下/;
const DISCUSSION_CLOSING = /发言完毕|交流发言完毕|不妥之处|不当之处|以上是我的(?:发言|体会)|我的发言就到这里/;
const CHAIR_CUES = /下面[，,]?请|现在请|进行第[一二三四五六七八九十]项|议程|会议到此结束|散会/g;
const LECTURE_CUES = /党课|上党课|讲党课/;
const SPEECH_SALUTATION = /^(?:同志们|各位领导|尊敬的|各位同志|同事们)/m;
const SPEECH_CLOSING = /我就讲这些|我就讲这么多|讲几点意见|谈几点意见|讲[两三四五几]点|谈[两三四五几]个方面/;
const REFLECTION_CUES = /心得体会|学习体会|收获很大|深受教育|深有感触/;
const SUMMARY_CUES = /工作总结|总结如下|取得的成效|存在的问题|下一步工作/;

export function classifySpeech(title: string, text: string): SpeechKind {
  for (const [pattern, kind] of TITLE_RULES) if (pattern.test(title)) return kind;
  const head = text.slice(0, 600);
  const tail = text.slice(-300);
  if (REPORT_CLOSING.test(tail)) return '汇报';
  if ((text.match(CHAIR_CUES) ?? []).length >= 3) return '主持词';
  if (DISCUSSION_CLOSING.test(tail)) return '研讨发言';
  if (LECTURE_CUES.test(head)) return '党课';
  if (SPEECH_SALUTATION.test(head) || SPEECH_CLOSING.test(text)) return '讲话';
  if (REFLECTION_CUES.test(head)) return '心得体会';
  if (SUMMARY_CUES.test(text)) return '总结';
  return '其他';
}
