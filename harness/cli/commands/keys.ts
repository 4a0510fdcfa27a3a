import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { generateSigningKeyPair, keyId, publicJwk } from '../../../reports/signing-key.ts';
import { CommandError } from '../errors.ts';

export const KEY_FILES = {
  private: 'signing-key.pem',
  public: 'signing-key.pub.pem',
  jwk: 'signing-key.pub.jwk',
} as const;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Writes the three key files under temporary names, then renames them: all three or none. */
async function generate(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new CommandError(
      `cannot create ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  for (const f of Object.values(KEY_FILES))
    if (await exists(join(dir, f)))
      throw new CommandError(`${join(dir, f)} exists: a key is never overwritten; choose another --out`);
  const { privateKey, publicKey } = generateSigningKeyPair();
  const jwk = publicJwk(publicKey);
  const contents: [string, string, number][] = [
    [KEY_FILES.private, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, 0o600],
    [KEY_FILES.public, publicKey.export({ format: 'pem', type: 'spki' }) as string, 0o644],
    [
      KEY_FILES.jwk,
      `${JSON.stringify({ ...jwk, kid: keyId(jwk), use: 'sig', alg: 'EdDSA' }, null, 2)}\n`,
      0o644,
    ],
  ];
  const temps = contents.map(([name]) => join(dir, `.${name}.${process.pid}.partial`));
  try {
    for (const [i, [, text, mode]] of contents.entries())
      await writeFile(temps[i], text, { mode, flag: 'wx' });
    for (const [i, [name]] of contents.entries()) await rename(temps[i], join(dir, name));
  } catch (e) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw new CommandError(
      `cannot write keys in ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  process.stdout.write(
    `Ed25519 report-signing key ${keyId(jwk)}\n` +
      `  private: ${join(dir, KEY_FILES.private)} (mode 0600: keep it secret)\n` +
      `  public:  ${join(dir, KEY_FILES.public)}, ${join(dir, KEY_FILES.jwk)} (give these to whoever verifies reports)\n`,
  );
}

export function register(program: Command): void {
  const keys = program.command('keys').description('manage Ed25519 keys that sign certification reports');
  keys
    .command('generate')
    .description('generate a signing key pair: private PEM (mode 0600), public PEM and JWK')
    .requiredOption(
      '--out <dir>',
      'directory for the key files (created if missing; existing keys are never overwritten)',
    )
    .action((o: { out: string }) => generate(o.out));
  for (const cmd of keys.commands) cmd.exitOverride().configureOutput({ outputError: () => {} });
}
