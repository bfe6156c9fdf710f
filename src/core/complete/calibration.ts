// From the engine's evidence to chances a writer can be told (「约 60%」), and the thresholds that
// decide whether anything is offered. One estimate decides everything: a logistic model gives each
// candidate item the chance that the writer goes on with exactly it; the list's chance of being taken
// follows from its items (mapped by a monotone step function); the list is offered from one threshold
// on, and its first item shows as ghost text from a higher one. Both are fitted on the TUNE half of the
// sample speeches only (`npm run bench:ksr -- --fit`), never on the half the figures are reported on.

/** How sure the engine must be before it offers anything: the setting 补全积极程度. */
export type Eagerness = 'quiet' | 'normal' | 'eager';
export const EAGERNESS: readonly Eagerness[] = ['quiet', 'normal', 'eager'];
export const defaultEagerness: Eagerness = 'normal';

/** What the engine knows of a candidate item when it estimates it (see complete.ts). */
export interface ItemEvidence {
  /** The model's probability mass of continuations that start with the item. */
  mass: number;
  /** Characters the item adds. */
  length: number;
  /** Speeches behind it (0: the writer's own text). */
  speeches: number;
  /** It comes from the writer's own earlier text. */
  self: boolean;
  /** It ends where the corpus marks a stop (a clause mark, a closer, a phrase end). */
  strongStop: boolean;
  /** Continuation occurrences that start with it. */
  branches: number;
  /** Length of the longest typed tail the corpus knows, and how often it occurs. */
  contextLength: number;
  contextCount: number;
  /** Typed characters of the current clause. */
  clauseLength: number;
  /** Occurrences of the added text anywhere in the corpus. */
  occurrences: number;
  /** What the added text is in the corpus: a stock phrase's end, a parallel group, a quotation, or plain text. */
  kind: 'phrase' | 'group' | 'quote' | 'continuation';
  /** Share of its mass that the longest matched context gives (the rest is back-off). */
  longestShare: number;
}

/** The features of the logistic model, in order. */
export function itemFeatures(e: ItemEvidence): number[] {
  const logMass = Math.log(e.mass + 1e-4);
  return [
    logMass,
    Math.log(e.length),
    Math.log(1 + e.speeches),
    e.self ? 1 : 0,
    e.strongStop ? 1 : 0,
    Math.log(e.branches),
    Math.log(Math.max(1, e.contextLength)),
    Math.log(1 + e.contextCount),
    Math.log(1 + e.clauseLength),
    Math.log(1 + e.occurrences),
    Math.log(e.length) * logMass,
  ];
}

/** Weights of itemFeatures (the first is the intercept), fitted by test/bench/ksr.ts --fit. */
export const itemModel = {
  weights: [1.6176,2.749,-1.147,-0.1763,-0.2637,0.0179,0.3131,-0.0418,-0.3563,0.0435,0.2485,-0.3664],
};

/** Chance (0–1) that the writer goes on with exactly this item. */
export function itemChance(e: ItemEvidence): number {
  const f = itemFeatures(e);
  const w = itemModel.weights;
  let z = w[0];
  for (let i = 0; i < f.length; i++) z += w[i + 1] * f[i];
  return 1 / (1 + Math.exp(-z));
}

/** Monotone map from a list's raw chance (1 - Π(1 - item chances)) to the observed rate of a list being taken. */
export const listKnots: [number, number][] = [[0,0],[0.0092,0.0042],[0.018,0.0126],[0.0306,0.0461],[0.046,0.0573],[0.0626,0.0894],[0.0826,0.1089],[0.1162,0.1229],[0.157,0.162],[0.1859,0.1816],[0.2189,0.2179],[0.2633,0.2346],[0.3221,0.2877],[0.3966,0.3212],[0.509,0.3589],[0.7063,0.4218],[0.94,0.7143],[1,0.7143]];

export function listChance(raw: number): number {
  const knots = listKnots;
  if (!(raw > knots[0][0])) return knots[0][1];
  for (let i = 1; i < knots.length; i++) {
    const [x1, y1] = knots[i];
    if (raw <= x1) {
      const [x0, y0] = knots[i - 1];
      return y0 + ((raw - x0) / (x1 - x0)) * (y1 - y0);
    }
  }
  return knots[knots.length - 1][1];
}

/** The chance a list must reach to be offered, and its first item's to show as ghost text. */
export const thresholds: Record<Eagerness, { list: number; ghost: number }> = {
  quiet: { list: 0.12, ghost: 0.4 },
  normal: { list: 0.06, ghost: 0.28 },
  eager: { list: 0.03, ghost: 0.2 },
};
