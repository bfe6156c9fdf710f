// Official-speech text written for the proofreading benchmark: a small grammar of sentences in the
// register of 讲话稿 (openings, numbered sections, tasks, requirements, figures, closings), filled
// from word lists written for this project. Deterministic for a seed, so the benchmark's "written"
// half is the same text on every run. Nothing here is taken from the sample corpus.

import { seededRandom } from './generateCorpus';

const AREAS = ['乡村振兴', '营商环境', '基层治理', '安全生产', '生态环境保护', '民生保障', '产业升级', '科技创新', '城市更新', '文化建设', '教育事业', '医疗卫生', '社会救助', '就业创业', '防汛救灾', '粮食安全', '作风建设', '干部队伍建设', '信访工作', '数字政府建设'];
const UNITS = ['各级党组织', '各部门各单位', '各乡镇街道', '全体党员干部', '领导班子成员', '机关各处室', '各县（市、区）', '市直各部门', '各级领导干部', '广大干部职工'];
const ADVERBIALS = ['认真', '扎实', '深入', '积极', '主动', '切实', '全面', '坚决', '持续', '稳步', '系统', '创造性', '实事求是', '坚定不移', '扎扎实实', '认认真真', '不折不扣'];
const VERBS = ['推进', '落实', '抓好', '推动', '开展', '部署', '解决', '完善', '提升', '加强', '改进', '谋划', '组织实施', '督促检查'];
const OBJECTS = ['各项任务', '重点工作', '民生实事', '改革举措', '整改措施', '工作方案', '项目建设', '问题整改', '制度建设', '基础工作', '监督检查', '考核评价'];
const COMPLEMENTS = ['更好', '更实', '更细', '很扎实', '很到位', '更加出色', '非常具体', '比较充分'];
const GOALS = ['取得实效', '见到成效', '落地见效', '形成合力', '打开局面', '走在前列', '行稳致远', '善作善成'];
const QUOTES = ['放管服', '最多跑一次', '一网通办', '马上就办', '四下基层', '一线工作法', '五个一', '三服务', '双报到', '两个责任'];
const PEOPLE = ['人民群众', '基层干部', '企业和群众', '困难群众', '服务对象', '一线职工'];
const CONCERNS = ['急难愁盼问题', '操心事烦心事', '看病就医问题', '子女入学问题', '住房保障问题', '出行难问题', '就业增收问题'];
const CN_YEARS = ['二〇二三', '二〇二四', '二〇二五'];
const CN_NUM = '一二三四五六七八九十';

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)];
}

function number(rnd: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rnd() * (hi - lo + 1));
}

/** One sentence of a section's body. */
function sentence(rnd: () => number, area: string): string {
  const adv = pick(rnd, ADVERBIALS);
  const verb = pick(rnd, VERBS);
  const obj = pick(rnd, OBJECTS);
  const unit = pick(rnd, UNITS);
  const year = number(rnd, 2019, 2025);
  const templates = [
    () => `${unit}要${adv}地${verb}${area}${obj}，确保${pick(rnd, GOALS)}。`,
    () => `截至目前，全市${area}累计完成投资${number(rnd, 12, 480)}亿元，同比增长${number(rnd, 2, 19)}.${number(rnd, 1, 9)}%。`,
    () => `我们必须把${area}摆在突出位置，既要立足当前、解决突出问题，又要着眼长远、完善制度机制。`,
    () => `${year}年以来，市委、市政府对${area}作出一系列部署，${unit}${adv}地抓好落实，工作做得${pick(rnd, COMPLEMENTS)}。`,
    () => `要认真研究群众反映的${pick(rnd, CONCERNS)}，把${pick(rnd, PEOPLE)}的意见建议作为改进工作的重要依据。`,
    () => `在巩固已有成果的基础上，进一步${verb}${area}${obj}，力争用${number(rnd, 2, 3)}～${number(rnd, 4, 5)}年时间实现明显提升。`,
    () => `各地要大力推广“${pick(rnd, QUOTES)}”等经验做法，让${pick(rnd, PEOPLE)}少跑腿、好办事。`,
    () => `去年全年共排查${area}风险隐患${number(rnd, 100, 900)}处，整改率达到${number(rnd, 90, 99)}%，其中${number(rnd, 3, 9)}个重点问题已全部销号。`,
    () => `市委一再强调，${area}事关全局，任何时候都不能掉以轻心，必须坚持问题导向、目标导向和结果导向。`,
    () => `从这次督查的情况看，有的地方思想认识不到位，有的地方工作措施不具体，有的地方责任落实不到人……这些问题必须引起高度重视。`,
    () => `${area}是一项系统工程——既需要顶层设计，也需要基层探索，更需要${pick(rnd, PEOPLE)}的广泛参与。`,
    () => `目标是到${year + number(rnd, 1, 3)}年，${area}重点指标提高${number(rnd, 5, 10)}%～${number(rnd, 12, 20)}%，服务覆盖率稳定在${number(rnd, 85, 98)}%以上。`,
    () => `下一步，我们将再次召开专题会议，对${area}${obj}进行再研究、再部署、再落实。`,
    () => `要${adv}地总结经验，及时反映工作中遇到的新情况新问题，确保各项政策${pick(rnd, GOALS)}。`,
    () => {
      const k = number(rnd, 1, 4);
      return `各级领导干部要带头深入一线，每季度到基层调研不少于${CN_NUM[k]}${CN_NUM[k + 1]}次，面对面听取${pick(rnd, PEOPLE)}的意见。`;
    },
    () => `对工作不力、推诿扯皮、敷衍塞责等问题，要严肃追责问责，坚决防止“${pick(rnd, ['中梗阻', '温差', '落差', '偏差'])}”现象。`,
    () => `${unit}要把${area}与${pick(rnd, AREAS)}统筹起来，做到同谋划、同部署、同推进、同考核。`,
    () => `实践证明，只有${adv}地${verb}${obj}，才能把党中央决策部署转化为推动发展的生动实践。`,
    () => `今年${number(rnd, 1, 6)}—${number(rnd, 7, 12)}月，全市新增市场主体${number(rnd, 2, 9)}.${number(rnd, 1, 9)}万户，为稳就业作出了积极贡献。`,
  ];
  return pick(rnd, templates)();
}

function paragraph(rnd: () => number, area: string): string {
  const n = number(rnd, 2, 4);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(sentence(rnd, area));
  return out.join('');
}

/** A speech of about `chars` characters: title, salutation, numbered sections with points, closing. */
export function writeSpeech(seed: number, chars = 5000): string {
  const rnd = seededRandom(seed);
  const area = pick(rnd, AREAS);
  const year = pick(rnd, CN_YEARS);
  const sections = ['充分认清形势，切实增强责任感紧迫感', '突出工作重点，扎实推进各项任务落实', '强化组织保障，确保各项部署落地见效', '坚持问题导向，持续改进工作作风'];
  const count = number(rnd, 3, 4);
  const lines: string[] = [`在全市${area}工作推进会上的讲话`, `（${year}年${CN_NUM[number(rnd, 0, 9)]}月${CN_NUM[number(rnd, 0, 9)]}日）`, '同志们：'];
  lines.push(`今天，我们召开全市${area}工作推进会，主要任务是总结前一阶段工作，分析当前形势，部署下一步任务。刚才，${number(rnd, 3, 6)}个单位作了交流发言，讲得都很好，我都同意。下面，我再讲${CN_NUM[count - 1]}点意见。`);
  const perSection = chars / count;
  for (let s = 0; s < count; s++) {
    lines.push(`${CN_NUM[s]}、${sections[s]}`);
    const sectionStart = lines.join('').length;
    for (let k = 0; k < 9 && lines.join('').length - sectionStart < perSection; k++) {
      lines.push(`（${CN_NUM[k]}）${pick(rnd, ['着力', '聚焦', '突出', '持续'])}${pick(rnd, OBJECTS)}。${paragraph(rnd, area)}`);
      if (rnd() < 0.4) {
        const points = number(rnd, 2, 4);
        for (let q = 0; q < points; q++) lines.push(`${q + 1}.${pick(rnd, ['抓好', '做实', '完善', '强化'])}${pick(rnd, OBJECTS)}。${sentence(rnd, area)}`);
      } else {
        const points = number(rnd, 2, 3);
        lines.push(
          Array.from({ length: points }, (_, q) => `${CN_NUM[q]}是${pick(rnd, ADVERBIALS)}地${pick(rnd, VERBS)}${pick(rnd, OBJECTS)}`).join('；') + '。',
        );
      }
    }
  }
  lines.push(`同志们，${area}任务艰巨、使命光荣。让我们以更加饱满的热情、更加务实的作风，奋力开创${area}新局面！`);
  return lines.join('\n') + '\n';
}
