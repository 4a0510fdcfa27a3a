import type { SqlClient } from '../storage/sql-client.ts';
import type { EnrolStep, FaultOptions } from './reference-system.ts';

/** What an injected crash throws in-process (a child process SIGKILLs itself instead). */
export class SimulatedCrash extends Error {
  constructor(readonly step: EnrolStep) {
    super(`simulated crash after enrolment step ${step}`);
    this.name = 'SimulatedCrash';
  }
}

/**
 * Fault injection for the crash and dropped-connection tests. `reached(step)` is called by the
 * enrolment at each named step; `wrap` puts a switch in front of a database client that, once
 * the connection "drops", fails every statement as the driver would.
 */
export class Faults {
  private dropped = false;

  constructor(private readonly options: FaultOptions = {}) {}

  reached(step: EnrolStep): void {
    if (this.options.dropConnectionAt === step) this.dropped = true;
    if (this.options.crashAt === step) {
      if (this.options.crash) this.options.crash();
      throw new SimulatedCrash(step);
    }
  }

  wrap(db: SqlClient): SqlClient {
    const check = () => {
      if (this.dropped) throw new Error('Connection terminated unexpectedly (injected fault)');
    };
    const wrapTx = (tx: SqlClient): SqlClient => ({
      kind: tx.kind,
      query: async (sql, params) => {
        check();
        return tx.query(sql, params);
      },
      exec: async (sql) => {
        check();
        return tx.exec(sql);
      },
      transaction: (work) => tx.transaction((inner) => work(wrapTx(inner))),
      close: () => tx.close(),
    });
    return {
      ...wrapTx(db),
      transaction: async (work) => {
        check();
        return db.transaction((tx) => work(wrapTx(tx)));
      },
    };
  }
}
