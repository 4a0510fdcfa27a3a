/** Values a query parameter may take; both drivers map them to the same PostgreSQL types. */
export type SqlValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | Date
  | Uint8Array
  | SqlValue[]
  | Record<string, unknown>;

/**
 * The one storage interface dactylo's services use, over a real PostgreSQL server (`pg`) or the
 * embedded PGlite. Both run the same SQL, so everything tested on one holds on the other.
 */
export interface SqlClient {
  readonly kind: 'postgres' | 'pglite';
  /** One parameterised statement ($1, $2, …); returns the rows. */
  query<R extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: SqlValue[],
  ): Promise<R[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
