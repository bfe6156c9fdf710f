// A column of 32-bit integers that grows as rows are added. The unit tables of a 90 M-character
// corpus have millions of rows; JS arrays of numbers would take 8 bytes a row, up to twice that
// while they grow, and a copy at the end — about 400 MB more at the peak of an index build.
export class Int32Column {
  private data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(Math.ceil(this.data.length * 1.5));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  at(row: number): number {
    return this.data[row];
  }

  /** The rows as an array of exactly their length; the column is not used after this. */
  finish(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
