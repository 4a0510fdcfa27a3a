import type { CertificationTarget } from '../targets/certification-target.ts';
import type { Exchange } from '../targets/reference-api-client.ts';
import type { Canary } from './canary.ts';
import { CANARY_TEXT, type CanaryResult, textCanaries } from './canary-leakage.ts';
import { headersText, type TextSource } from './text-inspector.ts';

/**
 * The texts a target emitted while the canaries went through it: its logs and metrics, and from the
 * certifier's own exchanges every error body and every response's headers. Success bodies are not
 * searched: resolving a subject or looking up a resident returns personal data by design.
 */
export async function emittedTexts(
  target: CertificationTarget,
  exchanges: readonly Exchange[],
): Promise<{ sources: TextSource[]; missing: string[] }> {
  const sources: TextSource[] = [];
  const missing: string[] = [];
  if (target.readLogs) sources.push({ name: 'logs', content: (await target.readLogs()).join('\n') });
  else missing.push('logs (the target gives no access to them)');
  if (target.readMetrics) sources.push({ name: 'metrics', content: await target.readMetrics() });
  else missing.push('metrics (the target gives no access to them)');
  for (const [i, x] of exchanges.entries()) {
    if (x.response.status >= 400)
      sources.push({ name: `${x.operationId} #${i} error body`, content: x.response.body });
    sources.push({ name: `${x.operationId} #${i} headers`, content: headersText(x.response.headers) });
  }
  return { sources, missing };
}

/** DEP-PII-02: the canaries searched in logs, metrics, error bodies and response headers. */
export async function runCanaryText(
  target: CertificationTarget,
  canaries: readonly Canary[],
  exchanges: readonly Exchange[],
): Promise<CanaryResult> {
  const { sources, missing } = await emittedTexts(target, exchanges);
  const r = textCanaries(sources, canaries, CANARY_TEXT);
  const details = { ...(r.evidence.details as object), notRead: missing };
  return { ...r, evidence: { ...r.evidence, details } };
}
