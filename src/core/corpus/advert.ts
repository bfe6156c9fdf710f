// The one advert detector: cleaning (clean.ts) drops advert lines and sentences with it, and the
// corpus text (phrases/corpusText.ts) masks any line it still flags, so nothing an advert says can
// be mined or offered. Adverts and contact blocks are known by what they do (sell, recruit, ask to
// be contacted), never by a brand name. One trait can occur in a speech (学习强国、公众号等平台);
// an advert has two.
const ADVERT_TRAITS = [
  /微信|V信|vx|VX|wx号/,
  /公众号/,
  /客服/,
  /QQ|qq|扣扣/,
  /代笔|代写|润笔|代发布/,
  /s?vip|SVIP|VIP/,
  /会员群|网盘|加群|入群|进群/,
  /谨防假冒|认准|唯一平台|持续接单|接单中|好评如潮/,
  /一键(?:搜索|下载|查找|精准|快速|极速)|每天更新|每日更新|同步更新/,
  /有意加入|欢迎加入|请联系|联系方式|添加(?:客服|好友|微信)|扫码|二维码/,
  // A mobile number, or digits given after a colon (`联系：1 4367`); plain large numbers are prose.
  /(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)|[：:]\s*\d[\d\s-]{4,}\d/,
  /^【[^】]{1,12}】/,
  /https?:\/\/|www\./i,
];
export const ADVERT_MIN_TRAITS = 2;
/** Adverts are short: a longer line is prose, from which only advert sentences are cut. */
export const AD_MAX_CHARS = 300;
/** A short line next to an advert, with one trait of its own, belongs to the same block. */
export const AD_NEIGHBOUR_MAX_CHARS = 120;

/** How many distinct advert traits `text` shows. */
export function advertTraits(text: string): number {
  let n = 0;
  for (const trait of ADVERT_TRAITS) if (trait.test(text)) n++;
  return n;
}

/** A short text with two advert traits or more. */
export function isAdvert(text: string): boolean {
  return text.length <= AD_MAX_CHARS && advertTraits(text) >= ADVERT_MIN_TRAITS;
}
