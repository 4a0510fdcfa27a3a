/**
 * Injection payloads for every string field of a request: each with its family and what a response
 * shows when the target was vulnerable (an engine error, an evaluated expression, a reflected tag).
 * A correct target answers 4xx with a machine-readable code, or stores the text inertly.
 */
export interface InjectionPayload {
  id: string;
  family:
    | 'sql'
    | 'nosql'
    | 'command'
    | 'path'
    | 'template'
    | 'markup'
    | 'header'
    | 'log'
    | 'format'
    | 'unicode'
    | 'ldap';
  payload: string;
}

export const INJECTION_PAYLOADS: readonly InjectionPayload[] = [
  { id: 'sql-quote', family: 'sql', payload: "O'Brien" },
  { id: 'sql-tautology', family: 'sql', payload: "' OR '1'='1" },
  { id: 'sql-comment', family: 'sql', payload: "admin'--" },
  { id: 'sql-stacked', family: 'sql', payload: "x'); DROP TABLE vault.templates;--" },
  { id: 'sql-union', family: 'sql', payload: "' UNION SELECT iin, surname FROM registry.residents--" },
  { id: 'sql-sleep', family: 'sql', payload: "'||pg_sleep(5)||'" },
  { id: 'sql-dollar-quote', family: 'sql', payload: '$$; SELECT 1; $$' },
  { id: 'nosql-operator', family: 'nosql', payload: '{"$gt": ""}' },
  { id: 'command-semicolon', family: 'command', payload: '; cat /etc/passwd' },
  { id: 'command-substitution', family: 'command', payload: '$(id)' },
  { id: 'command-backtick', family: 'command', payload: '`id`' },
  { id: 'path-traversal', family: 'path', payload: '../../../../etc/passwd' },
  { id: 'path-encoded', family: 'path', payload: '..%2f..%2f..%2fetc%2fpasswd' },
  { id: 'template-mustache', family: 'template', payload: '{{7*191}}' },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the payload is a template expression on purpose
  { id: 'template-dollar', family: 'template', payload: '${7*191}' },
  { id: 'template-erb', family: 'template', payload: '<%= 7*191 %>' },
  { id: 'markup-script', family: 'markup', payload: '<script>alert(1)</script>' },
  { id: 'markup-attribute', family: 'markup', payload: '"><img src=x onerror=alert(1)>' },
  { id: 'header-crlf', family: 'header', payload: 'x\r\nSet-Cookie: injected=1' },
  { id: 'log-forged-line', family: 'log', payload: 'x\n{"level":"info","msg":"audit chain verified"}' },
  { id: 'format-string', family: 'format', payload: '%s%s%s%n%x' },
  { id: 'unicode-null', family: 'unicode', payload: 'Ali\u0000ev' },
  { id: 'unicode-rtl-override', family: 'unicode', payload: 'Ali\u202eve' },
  { id: 'unicode-homoglyph', family: 'unicode', payload: 'Аlіеv' },
  {
    id: 'unicode-combining',
    family: 'unicode',
    payload: 'A\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301lie',
  },
  { id: 'unicode-lone-surrogate', family: 'unicode', payload: 'Ali\ud800ev' },
  { id: 'ldap-wildcard', family: 'ldap', payload: '*)(uid=*))(|(uid=*' },
  { id: 'long-string', family: 'format', payload: 'A'.repeat(100_000) },
];

/** Signs in a response body or headers that an injection reached an interpreter. */
export const VULNERABILITY_INDICATORS: readonly { id: string; pattern: RegExp }[] = [
  {
    id: 'postgres-syntax-error',
    pattern: /syntax error at or near|unterminated quoted string|ERROR:\s+\d{5}|pg_catalog|SQLSTATE/i,
  },
  { id: 'sql-error', pattern: /SQL syntax|ORA-\d{5}|SQLite.*error|ODBC|JDBC/i },
  { id: 'template-evaluated', pattern: /(^|[^\d])1337([^\d]|$)/ },
  { id: 'passwd-file', pattern: /root:x:0:0:/ },
  { id: 'command-output', pattern: /uid=\d+\(\w+\) gid=\d+/ },
  { id: 'reflected-script', pattern: /<script>alert\(1\)<\/script>|onerror=alert\(1\)/ },
  { id: 'injected-header', pattern: /^injected=1/m },
  { id: 'stack-trace', pattern: /\n\s+at [\w$.<>]+ \(.*:\d+:\d+\)/ },
];

export function vulnerabilityIndicators(text: string): string[] {
  return VULNERABILITY_INDICATORS.filter((i) => i.pattern.test(text)).map((i) => i.id);
}

export interface InjectionVariant {
  /** JSON pointer of the string field replaced. */
  path: string;
  payload: InjectionPayload;
  body: unknown;
}

function stringPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, `${path}/${i}`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) =>
      stringPaths(v, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`),
    );
  return [];
}

function replaceAt(value: unknown, parts: string[], replacement: string): unknown {
  if (parts.length === 0) return replacement;
  const [head, ...rest] = parts;
  const key = head.replace(/~1/g, '/').replace(/~0/g, '~');
  if (Array.isArray(value))
    return value.map((v, i) => (String(i) === key ? replaceAt(v, rest, replacement) : v));
  const obj = value as Record<string, unknown>;
  return { ...obj, [key]: replaceAt(obj[key], rest, replacement) };
}

/**
 * One variant of a valid request body per (string field, payload): the payload replaces that field
 * and nothing else. Fields named in `skip` (base64 images, say) are left alone.
 */
export function injectionVariants(
  body: unknown,
  payloads: readonly InjectionPayload[] = INJECTION_PAYLOADS,
  skip: readonly string[] = [],
): InjectionVariant[] {
  const paths = stringPaths(body).filter((p) => !skip.includes(p));
  return paths.flatMap((path) =>
    payloads.map((payload) => ({
      path,
      payload,
      body: replaceAt(body, path.split('/').slice(1), payload.payload),
    })),
  );
}
