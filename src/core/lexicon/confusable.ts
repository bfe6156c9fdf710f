// Which characters a writer puts for which: the same pinyin (a pinyin IME offers both), a pinyin one
// key away (qieshi typed as qieshui), or a similar shape (handwriting, stroke and wubi input, OCR).
// The proofreader weighs a suspected slip by how likely this channel is: a homophone is the common
// IME slip, a look-alike less so, a character whose pinyin merely resembles even less.
import { pinyin } from 'pinyin-pro';

export type Confusion = 'homophone' | 'fuzzyPinyin' | 'nearPinyin' | 'shape';

/** Likelihood of each channel relative to a homophone: how much more evidence a slip needs. */
export const CONFUSION_WEIGHT: Record<Confusion, number> = {
  homophone: 1,
  fuzzyPinyin: 0.4,
  shape: 0.4,
  nearPinyin: 0.15,
};

const readingsCache = new Map<string, readonly string[]>();

/** Toneless pinyin readings of one Han character (several for 行, 长…); empty for anything else. */
export function readings(ch: string): readonly string[] {
  let r = readingsCache.get(ch);
  if (!r) {
    const all = pinyin(ch, { toneType: 'none', multiple: true, type: 'array' }) as string[];
    r = [...new Set(all.filter((p) => /^[a-zü]+$/.test(p)))];
    readingsCache.set(ch, r);
  }
  return r;
}

/** Initials and finals a southern or hurried typist merges: zh/z, ch/c, sh/s, n/l, f/h, -ng/-n. */
function fuzzy(p: string): string {
  return p
    .replace(/^([zcs])h/, '$1')
    .replace(/^l/, 'n')
    .replace(/^h(?=u)/, 'f')
    .replace(/(?<=[aei])ng$/, 'n');
}

/**
 * True when one pinyin is the other with one letter more (shui for shi: a key pressed twice or one
 * missed). A changed letter is left out: it makes too many characters alike to be evidence.
 */
function oneLetterMore(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) !== 1) return false;
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && long[i] === short[i]) i++;
  return long.slice(i + 1) === short.slice(i);
}

/**
 * Look-alike characters that writers and readers confuse, written for this project from the 形近字
 * lists taught in Chinese schools and the slips proofreaders meet in official documents (not copied
 * from any data set). Each group is one set of mutually confusable characters.
 */
const SHAPE_GROUPS = [
  '己已巳', '未末', '戊戌戍戎', '侯候', '拔拨', '辨辩辫瓣', '籍藉', '赢嬴羸', '崇祟', '汩汨', '刺剌',
  '免兔', '鸟乌', '大太犬', '土士', '干千于', '人入八', '日曰', '析折', '今令', '炙灸', '贷货', '治冶',
  '徒徙', '肓盲', '壁璧', '衷哀衰', '即既', '苦若', '问间', '泪汨', '沮阻', '扰拢',
  '练炼', '拆折', '惋婉', '暑署', '晴睛', '清请情', '账帐', '带滞', '幅副', '幕墓慕暮募', '缴邀',
  '竞竟', '辛幸', '券卷', '篡纂', '贫贪', '玖玫', '茶荼', '戴载', '峰锋蜂烽', '浅践钱线', '坚竖',
  '迫追', '绎译择', '密蜜', '杨扬场肠', '辑缉揖', '项顶', '兢竞', '历厉励', '倒到', '厅斤',
  '淡谈', '缓援暖', '持特恃', '仑仓', '沾粘', '纪记', '经径劲', '洗冼', '裁栽载', '概慨',
  '涉陟', '复夏', '傅博搏', '熔溶融', '彻撤澈', '蓝篮', '侍待', '诗持', '贯惯', '湛堪', '勘堪',
  '仿访纺', '晶品', '伟纬', '准淮', '决诀', '狠狼', '很狠', '愉偷', '辟僻避壁', '籁簌', '躁燥噪澡',
  '摘滴嘀', '秘泌', '祥详', '妨访', '抵低底', '延廷', '建健键', '渴喝褐', '辅铺捕', '微徽',
  '住往', '休体', '扶抉', '戈弋', '宣宜', '卸御', '迎仰', '苍沧', '宴宾', '壮状', '冠寇', '刃刀',
  '失矢', '母毋', '市巿', '亨享', '妹妺', '特持', '崖涯', '墩敦', '谍碟蝶', '怀杯', '暂渐',
  '栋拣', '贞负', '凋调', '弛驰', '旨指', '旬句', '侍恃', '撤撒', '缀辍', '谬缪', '赃脏', '喻愉偷',
  '裨稗', '瞻赡', '嫡摘', '赂贿', '脍烩', '峻竣俊', '陡徒', '锐税', '吸汲', '圆园', '邮油', '练拣',
];

const shapeIndex = new Map<string, Set<string>>();
for (const group of SHAPE_GROUPS)
  for (const a of group) {
    let set = shapeIndex.get(a);
    if (!set) shapeIndex.set(a, (set = new Set()));
    for (const b of group) if (b !== a) set.add(b);
  }

/** Characters that look like `ch` (from the table above). */
export function lookAlikes(ch: string): ReadonlySet<string> {
  return shapeIndex.get(ch) ?? EMPTY;
}
const EMPTY: ReadonlySet<string> = new Set();

const confusionCache = new Map<string, Confusion | null>();

/** How `wrong` may have been written for `right`, the likeliest channel first; undefined if by none. */
export function confusion(wrong: string, right: string): Confusion | undefined {
  if (wrong === right) return undefined;
  const key = wrong + right;
  let c = confusionCache.get(key);
  if (c === undefined) confusionCache.set(key, (c = channelOf(wrong, right) ?? null));
  return c ?? undefined;
}

function channelOf(wrong: string, right: string): Confusion | undefined {
  const a = readings(wrong);
  const b = readings(right);
  // A second reading (不 fou, 行 hang) is typed for a homophone; only the usual one is mistyped.
  const a0 = a.slice(0, 1);
  const b0 = b.slice(0, 1);
  if (a.some((p) => b.includes(p))) return 'homophone';
  if (shapeIndex.get(wrong)?.has(right)) return 'shape';
  if (a0.some((p) => b0.some((q) => fuzzy(p) === fuzzy(q)))) return 'fuzzyPinyin';
  if (a0.some((p) => b0.some((q) => oneLetterMore(p, q)))) return 'nearPinyin';
  return undefined;
}

/**
 * The characters each character may be confused with, among a fixed set of candidates (the
 * characters of the dictionary's common words): looked up per character, so a scan over a draft
 * asks a Map instead of comparing pinyin for every pair it meets.
 */
export class ConfusionSets {
  private readonly byReading = new Map<string, string[]>();
  private readonly byFuzzy = new Map<string, string[]>();
  /** Usual readings with one letter dropped (shi from shui), and the readings themselves. */
  private readonly byShorter = new Map<string, string[]>();
  private readonly sets = new Map<string, Map<string, Confusion>>();

  constructor(candidates: Iterable<string>) {
    const file = (map: Map<string, string[]>, key: string, ch: string) => {
      const list = map.get(key);
      if (list) list.push(ch);
      else map.set(key, [ch]);
    };
    for (const ch of candidates) {
      const r = readings(ch);
      for (const p of r) file(this.byReading, p, ch);
      if (!r.length) continue;
      file(this.byFuzzy, fuzzy(r[0]), ch);
      file(this.byShorter, r[0], ch);
      for (let i = 0; i < r[0].length; i++) file(this.byShorter, r[0].slice(0, i) + r[0].slice(i + 1), ch);
    }
  }

  /** Candidates `ch` may have been written for, each with its likeliest channel. */
  of(ch: string): ReadonlyMap<string, Confusion> {
    let set = this.sets.get(ch);
    if (set) return set;
    set = new Map();
    const add = (list: readonly string[] | ReadonlySet<string> | undefined) => {
      if (list) for (const c of list) if (c !== ch && !set!.has(c)) { const k = confusion(ch, c); if (k) set!.set(c, k); }
    };
    const r = readings(ch);
    for (const p of r) add(this.byReading.get(p));
    add(lookAlikes(ch));
    if (r.length) {
      add(this.byFuzzy.get(fuzzy(r[0])));
      // One letter more or less: shui's shorter forms meet shi; shi meets the readings it is one letter short of.
      add(this.byShorter.get(r[0]));
      for (let i = 0; i < r[0].length; i++) add(this.byReading.get(r[0].slice(0, i) + r[0].slice(i + 1)));
    }
    this.sets.set(ch, set);
    return set;
  }
}
