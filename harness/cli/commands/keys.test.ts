import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyId, loadPrivateKey, loadPublicKey, publicJwk } from '../../../reports/signing-key.ts';
import { runCli } from '../run-cli.ts';
import { KEY_FILES } from './keys.ts';

const root = mkdtempSync(join(tmpdir(), 'dactylo-keys-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('dactylo keys generate', () => {
  it('writes a private PEM with mode 0600 and the public PEM and JWK of the same key', async () => {
    const dir = join(root, 'k', 'nested');
    const r = await runCli(['keys', 'generate', '--out', dir]);
    expect(r.code).toBe(0);
    expect(statSync(join(dir, KEY_FILES.private)).mode & 0o777).toBe(0o600);
    const priv = await loadPrivateKey(join(dir, KEY_FILES.private));
    const pubPem = await loadPublicKey(join(dir, KEY_FILES.public));
    const jwk = JSON.parse(readFileSync(join(dir, KEY_FILES.jwk), 'utf8'));
    expect(publicJwk(pubPem)).toEqual(publicJwk(priv));
    expect(jwk).toMatchObject({ ...publicJwk(priv), kid: keyId(publicJwk(priv)), alg: 'EdDSA' });
    expect(r.stdout).toContain(keyId(publicJwk(priv)));
  });

  it('never overwrites a key', async () => {
    const dir = join(root, 'twice');
    expect((await runCli(['keys', 'generate', '--out', dir])).code).toBe(0);
    const before = readFileSync(join(dir, KEY_FILES.private), 'utf8');
    const again = await runCli(['keys', 'generate', '--out', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists: a key is never overwritten/);
    expect(readFileSync(join(dir, KEY_FILES.private), 'utf8')).toBe(before);
  });

  it('says why when the directory cannot be made', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    const r = await runCli(['keys', 'generate', '--out', join(file, 'sub')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot create .*a-file\/sub \((ENOTDIR|EEXIST)\)/);
  });
});
