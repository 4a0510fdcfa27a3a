import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadData, LoadDataManifest, RequestRecord } from './load-data.ts';

/** Files of a prepared data set, as `dactylo load data` writes them: manifest.json and one NDJSON per operation. */
export function* loadDataFiles(data: LoadData): Generator<{ name: string; text: string }> {
  yield { name: 'manifest.json', text: `${JSON.stringify(data.manifest, null, 2)}\n` };
  for (const [name, records] of data.files) {
    yield { name, text: records.map((r) => `${JSON.stringify(r)}\n`).join('') };
  }
}

/** Reads a directory written by `dactylo load data`; throws an Error naming the file that is wrong. */
export function readLoadData(dir: string): LoadData {
  const manifestPath = join(dir, 'manifest.json');
  let manifest: LoadDataManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as LoadDataManifest;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(
      `${manifestPath}: ${code ? `cannot read (${code})` : 'not JSON'}; prepare it with 'dactylo load data'`,
    );
  }
  if (manifest.kind !== 'dactylo-load-data')
    throw new Error(`${manifestPath} is not a dactylo load data manifest`);
  const files = new Map<string, RequestRecord[]>();
  const ops = [...Object.values(manifest.operations), ...(manifest.setup ? [manifest.setup] : [])];
  for (const op of ops) {
    if (files.has(op.file)) continue;
    const path = join(dir, op.file);
    const lines = readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.length > 0);
    if (lines.length !== op.count)
      throw new Error(`${path} holds ${lines.length} requests, the manifest says ${op.count}`);
    files.set(
      op.file,
      lines.map((l, i) => {
        try {
          return JSON.parse(l) as RequestRecord;
        } catch {
          throw new Error(`${path}: line ${i + 1} is not JSON`);
        }
      }),
    );
  }
  return { manifest, files };
}
