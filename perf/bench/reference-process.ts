/**
 * `dactylo serve` as a child process, for benchmarks and fault tests: started on a free loopback port
 * with a token file and no rate limit, on PGlite or on a PostgreSQL URL, and stopped by its pid.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DACTYLO = fileURLToPath(new URL('../../harness/cli/dactylo.mjs', import.meta.url));

export interface ReferenceProcessOptions {
  tokenFile: string;
  /** PostgreSQL URL; default the embedded PGlite in memory. */
  databaseUrl?: string;
  /** Fixed port (a restart keeps the URL the driver uses); default any free one. */
  port?: number;
  /** Node options for the child, e.g. ['--cpu-prof', '--cpu-prof-dir', DIR]. */
  execArgv?: string[];
  /**
   * Kept across restarts when given (created if absent): the token signing key, so that tokens stay
   * valid, and the vault's keys, so that the vault stays readable.
   */
  signingKeyFile?: string;
  vaultKeyFile?: string;
  /** A gallery file (sim/matcher/identification/gallery-file.ts) the 1:N dedup also searches. */
  backgroundGallery?: string;
}

export interface ReferenceProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  /** CPU seconds (user + system) the process has used so far; null where /proc is not there. */
  cpuSeconds(): number | null;
  /** The last few KB the process wrote to stderr (why it exited, when it did). */
  stderrTail(): string;
  /** SIGTERM (graceful: requests in flight finish), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export async function startReference(o: ReferenceProcessOptions): Promise<ReferenceProcess> {
  const args = ['serve', '--port', String(o.port ?? 0), '--token-file', o.tokenFile, '--rate-limit', '0'];
  if (o.databaseUrl) args.push('--database-url', o.databaseUrl);
  if (o.signingKeyFile) args.push('--signing-key', o.signingKeyFile);
  if (o.vaultKeyFile) args.push('--vault-key-file', o.vaultKeyFile);
  if (o.backgroundGallery) args.push('--background-gallery', o.backgroundGallery);
  const child = fork(DACTYLO, args, {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    execArgv: o.execArgv ?? [],
  });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => {
    err = (err + c.toString()).slice(-4000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`dactylo serve exited with ${code}: ${err.trim()}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    url,
    port: Number(new URL(url).port),
    stderrTail: () => err,
    cpuSeconds: () => processCpuSeconds(child.pid),
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Linux clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ, 100 on every Linux ABI). */
const USER_HZ = 100;

function processCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name (which may hold spaces) start at the last ')'; utime and stime are 14 and 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
  } catch {
    return null;
  }
}
