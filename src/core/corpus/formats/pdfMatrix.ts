// pdf.js builds a DOMMatrix when its display module loads (a browser class; in Node it borrows one
// from the native @napi-rs/canvas, which is not ours to ship). Text extraction needs no rendering,
// so a plain 2-D affine matrix with the calls pdf.js makes stands in where none exists.

type Init = ArrayLike<number> | { a: number; b: number; c: number; d: number; e: number; f: number };

export class AffineMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;

  constructor(init?: Init) {
    if (!init) return;
    if ('length' in init) [this.a, this.b, this.c, this.d, this.e, this.f] = Array.from(init).slice(0, 6);
    else ({ a: this.a, b: this.b, c: this.c, d: this.d, e: this.e, f: this.f } = init);
  }

  private set(a: number, b: number, c: number, d: number, e: number, f: number): this {
    Object.assign(this, { a, b, c, d, e, f });
    return this;
  }

  /** this = this × other */
  multiplySelf(other: Init): this {
    const m = new AffineMatrix(other);
    const { a, b, c, d, e, f } = this;
    return this.set(a * m.a + c * m.b, b * m.a + d * m.b, a * m.c + c * m.d, b * m.c + d * m.d, a * m.e + c * m.f + e, b * m.e + d * m.f + f);
  }

  /** this = other × this */
  preMultiplySelf(other: Init): this {
    const m = new AffineMatrix(other).multiplySelf(this);
    return this.set(m.a, m.b, m.c, m.d, m.e, m.f);
  }

  translateSelf(x = 0, y = 0): this {
    return this.multiplySelf([1, 0, 0, 1, x, y]);
  }

  scaleSelf(sx = 1, sy = sx): this {
    return this.multiplySelf([sx, 0, 0, sy, 0, 0]);
  }

  invertSelf(): this {
    const { a, b, c, d, e, f } = this;
    const det = a * d - b * c;
    if (!det) return this.set(NaN, NaN, NaN, NaN, NaN, NaN);
    return this.set(d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det);
  }

  multiply(other: Init): AffineMatrix {
    return new AffineMatrix(this).multiplySelf(other);
  }

  translate(x?: number, y?: number): AffineMatrix {
    return new AffineMatrix(this).translateSelf(x, y);
  }

  scale(sx?: number, sy?: number): AffineMatrix {
    return new AffineMatrix(this).scaleSelf(sx, sy);
  }

  inverse(): AffineMatrix {
    return new AffineMatrix(this).invertSelf();
  }
}
