/** The typed arrays a gallery column can be. */
export type ColumnArray = Uint8Array | Uint16Array | Uint32Array | Float32Array;

export interface ColumnType<T extends ColumnArray> {
  new (buffer: SharedArrayBuffer, byteOffset?: number, length?: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/**
 * A growable typed array on a SharedArrayBuffer, so that worker threads read it without a copy.
 * Growth allocates a buffer twice as large and copies: threads that held the old one keep a valid,
 * shorter view, and are handed the new one with their next task.
 */
export class SharedColumn<T extends ColumnArray> {
  private data: T;
  private used = 0;

  constructor(
    private readonly type: ColumnType<T>,
    capacity = 16,
  ) {
    this.data = new type(new SharedArrayBuffer(Math.max(1, capacity) * type.BYTES_PER_ELEMENT));
  }

  /** A column holding exactly `values` (which may already live in shared memory: it is then adopted). */
  static of<T extends ColumnArray>(type: ColumnType<T>, values: T): SharedColumn<T> {
    const c = new SharedColumn(type, values.length);
    if (values.buffer instanceof SharedArrayBuffer && values.byteOffset === 0) c.data = values;
    else c.data.set(values as never);
    c.used = values.length;
    return c;
  }

  get length(): number {
    return this.used;
  }

  /** The filled part, a view on the shared buffer (valid until the column next grows). */
  view(): T {
    return this.data.subarray(0, this.used) as T;
  }

  at(i: number): number {
    return this.data[i];
  }

  private reserve(extra: number): void {
    const need = this.used + extra;
    if (need <= this.data.length) return;
    let capacity = Math.max(16, this.data.length);
    while (capacity < need) capacity *= 2;
    const next = new this.type(new SharedArrayBuffer(capacity * this.type.BYTES_PER_ELEMENT));
    next.set(this.view() as never);
    this.data = next;
  }

  push(v: number): void {
    this.reserve(1);
    this.data[this.used++] = v;
  }

  append(values: ArrayLike<number>): void {
    this.reserve(values.length);
    this.data.set(values as never, this.used);
    this.used += values.length;
  }
}
