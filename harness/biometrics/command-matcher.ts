import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExtractionResult, MatcherAdapter, MatcherOptions } from './matcher-adapter.ts';

/**
 * An external matcher driven through two shell invocations (`--matcher cmd:"COMMAND"`):
 *
 *   COMMAND extract IMAGE TEMPLATE   writes TEMPLATE from IMAGE; exit 0, or non-zero to refuse the image
 *                                    (a failure to enrol; the first stderr line is kept as the reason)
 *   COMMAND compare TEMPLATE_A TEMPLATE_B
 *                                    prints the similarity score (a decimal number, higher = more alike)
 *                                    on the first stdout line; exit non-zero if the comparison failed
 *
 * COMMAND is run by /bin/sh with the arguments appended safely quoted, so it may carry its own flags
 * (`cmd:"python3 bozorth_wrapper.py --mindtct"`). DACTYLO_PPI is set when --ppi is given. Each call has
 * 120 s; a call that times out or answers garbage counts as a failure, never as a score.
 */
const TIMEOUT_MS = 120_000;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      '/bin/sh',
      ['-c', `${command} "$@"`, 'dactylo-matcher', ...args],
      { env, timeout: TIMEOUT_MS, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) || (error?.message ?? '') });
      },
    );
  });
}

async function mapLimit<T, R>(items: readonly T[], limit: number, f: (item: T, i: number) => Promise<R>) {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return out;
}

const SCORE = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

export function parseScore(stdout: string): number | null {
  const line = stdout.split('\n')[0] ?? '';
  return SCORE.test(line) ? Number(line) : null;
}

export async function commandMatcher(command: string, options: MatcherOptions): Promise<MatcherAdapter> {
  const dir = await mkdtemp(join(tmpdir(), 'dactylo-matcher-'));
  const env = { ...process.env, ...(options.ppi ? { DACTYLO_PPI: String(options.ppi) } : {}) };
  const templatePath = (i: number) => join(dir, `${i}.template`);
  return {
    name: `cmd:${command}`,
    extractAll(paths, onDone) {
      return mapLimit(paths, options.workers, async (path, i): Promise<ExtractionResult> => {
        const start = performance.now();
        const o = await run(command, ['extract', path, templatePath(i)], env);
        const ms = performance.now() - start;
        let result: ExtractionResult;
        if (o.code !== 0)
          result = { template: null, reason: o.stderr.split('\n')[0] || `exit ${o.code}`, ms };
        else {
          const bytes = await readFile(templatePath(i)).catch(() => null);
          result = bytes
            ? { template: new Uint8Array(bytes), ms }
            : { template: null, reason: 'no template written', ms };
        }
        onDone(i, result);
        return result;
      });
    },
    async compare(_a, _b, ia, ib) {
      const o = await run(command, ['compare', templatePath(ia), templatePath(ib)], env);
      return o.code === 0 ? parseScore(o.stdout) : null;
    },
    async close() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
