/**
 * Aho–Corasick automaton over bytes: finds every occurrence of many needles in one pass over a
 * haystack (Aho & Corasick, CACM 18(6), 1975). A storage scan searches thousands of canary needles
 * in every cell; one indexOf per needle per cell would be thousands of passes.
 */
export class AhoCorasick<T> {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  private readonly out: { value: T; length: number }[][] = [[]];

  constructor(needles: readonly { bytes: Uint8Array; value: T }[]) {
    for (const n of needles) this.insert(n.bytes, n.value);
    this.link();
  }

  private insert(bytes: Uint8Array, value: T): void {
    if (bytes.length === 0) throw new RangeError('an empty needle matches everywhere');
    let s = 0;
    for (const b of bytes) {
      let t = this.next[s].get(b);
      if (t === undefined) {
        t = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.next[s].set(b, t);
      }
      s = t;
    }
    this.out[s].push({ value, length: bytes.length });
  }

  private link(): void {
    const queue: number[] = [];
    for (const t of this.next[0].values()) queue.push(t);
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head];
      for (const [b, t] of this.next[s]) {
        let f = this.fail[s];
        while (f !== 0 && !this.next[f].has(b)) f = this.fail[f];
        const g = this.next[f].get(b);
        this.fail[t] = g !== undefined && g !== t ? g : 0;
        this.out[t] = this.out[t].concat(this.out[this.fail[t]]);
        queue.push(t);
      }
    }
  }

  /** Every match as (value, start offset), in the order their ends occur. */
  search(haystack: Uint8Array): { value: T; offset: number }[] {
    const found: { value: T; offset: number }[] = [];
    let s = 0;
    for (let i = 0; i < haystack.length; i++) {
      const b = haystack[i];
      let t = this.next[s].get(b);
      while (t === undefined && s !== 0) {
        s = this.fail[s];
        t = this.next[s].get(b);
      }
      s = t ?? 0;
      for (const o of this.out[s]) found.push({ value: o.value, offset: i - o.length + 1 });
    }
    return found;
  }
}
