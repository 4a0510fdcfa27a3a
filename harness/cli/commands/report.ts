import type { KeyObject } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { junitXml } from '../../../reports/junit-xml.ts';
import { REPORT_FILES } from '../../../reports/report-directory.ts';
import { certificationHtml } from '../../../reports/report-html.ts';
import { loadPublicKey, SigningKeyError } from '../../../reports/signing-key.ts';
import { verifyReport } from '../../../reports/verify-report.ts';
import { AtomicDirectory } from '../atomic-output.ts';
import { CommandError, UsageError } from '../errors.ts';
import { readInputFile } from '../read-input.ts';

interface VerifyOptions {
  publicKey?: string;
  allowUnsigned?: boolean;
}

async function trustedKey(path: string | undefined): Promise<KeyObject | undefined> {
  if (!path) return undefined;
  try {
    return await loadPublicKey(path);
  } catch (e) {
    if (e instanceof SigningKeyError) throw new UsageError(`--public-key ${e.message}`);
    throw e;
  }
}

async function verify(file: string, o: VerifyOptions): Promise<void> {
  if (o.allowUnsigned && o.publicKey)
    throw new UsageError('--allow-unsigned and --public-key contradict each other: choose one');
  const key = await trustedKey(o.publicKey);
  const text = (await readInputFile(file)).toString('utf8');
  const result = verifyReport(text, { trustedKey: key, allowUnsigned: o.allowUnsigned });
  if (!result.ok) {
    const hint = result.problem === 'unsigned' ? ' (pass --allow-unsigned to check the schema only)' : '';
    throw new CommandError(`${file}: ${result.message}${hint}`);
  }
  const r = result.report;
  const s = r.summary;
  const signature = result.keyId
    ? result.trusted
      ? `signature valid, signed by the given key ${result.keyId}`
      : `signature valid for its embedded key ${result.keyId} (pass --public-key to check who signed)`
    : 'not signed (schema checked only)';
  process.stdout.write(
    `${file}: schema valid; ${signature}\n` +
      `verdict ${r.verdict}: ${s.pass} pass, ${s.fail} fail, ${s.notEvaluated} not evaluated of ${s.total}\n` +
      `target ${r.target.kind} ${r.target.name}; dactylo ${r.dactyloVersion}, contract ${r.contractVersion}, seed ${r.seed}\n` +
      `reproducible digest ${result.digest}\n`,
  );
}

interface RenderOptions {
  out: string;
}

/** Rebuilds report.html and report.junit.xml from a report.json (schema checked, signature not required). */
async function render(file: string, o: RenderOptions): Promise<void> {
  const text = (await readInputFile(file)).toString('utf8');
  const result = verifyReport(text, { allowUnsigned: true });
  if (!result.ok) throw new CommandError(`${file}: ${result.message}`);
  const out = await AtomicDirectory.create(o.out);
  try {
    await writeFile(out.file(REPORT_FILES.html), certificationHtml(result.report));
    await writeFile(out.file(REPORT_FILES.junit), junitXml(result.report));
    await out.commit();
  } catch (e) {
    await out.abort();
    throw e;
  }
  process.stdout.write(`${join(o.out, REPORT_FILES.html)}\n${join(o.out, REPORT_FILES.junit)}\n`);
}

export function register(program: Command): void {
  const report = program.command('report').description('work with certification reports');
  report
    .command('verify')
    .description('check a report.json against the schema and its Ed25519 signature (exit 1 if either fails)')
    .argument('<file>', 'report.json written by dactylo certify')
    .option('--public-key <file>', 'the signer’s public key (PEM or JWK): the report must be signed by it')
    .option('--allow-unsigned', 'accept an unsigned report (checks the schema only)')
    .action((file: string, o: VerifyOptions) => verify(file, o));
  report
    .command('render')
    .description('rebuild report.html and report.junit.xml from a report.json')
    .argument('<file>', 'report.json written by dactylo certify')
    .requiredOption('--out <dir>', 'directory to write (must not exist or be empty)')
    .action((file: string, o: RenderOptions) => render(file, o));
  for (const cmd of report.commands) cmd.exitOverride().configureOutput({ outputError: () => {} });
}
