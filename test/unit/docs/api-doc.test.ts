import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiKit } from '../../support/api-test-kit';
import { REVIEW_REASONS } from '../../../src/shared/domain/payment-status';

// docs/API.md must match the code: every route the server publishes, every error code it can
// answer, and every review reason a payment can carry. A new route or code without docs fails here.

const ROOT = path.resolve(__dirname, '../../..');
const doc = readFileSync(path.join(ROOT, 'docs/API.md'), 'utf8');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Error codes the API answers with, found where answers are built. */
function errorCodesInSource(): Set<string> {
  const source = filesUnder(path.join(ROOT, 'src/main/core/http'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const patterns = [
    /(?:ApiError|super)\(\s*\d{3},\s*'([A-Z_]+)'/g, // new ApiError(409, 'CODE', …), subclasses
    /(?:conflict|notFound)\(\s*'([A-Z_]+)'/g,
    /\|\s*'(AUTH_[A-Z_]+)'/g, // the AuthErrorCode union
    /\bcode: '([A-Z_]+)'/g, // framework codes and the 500
    /\[\d{3}, '([A-Z_]+)'/g, // answers written before fastify has a request
    /^ {2}([A-Z_]+): \d{3},$/gm, // the domain codes' statuses in api-errors.ts
  ];
  const codes = new Set<string>();
  for (const re of patterns) for (const m of source.matchAll(re)) codes.add(m[1]);
  return codes;
}

function errorTableCodes(): Set<string> {
  const section = doc.slice(doc.indexOf('## Errors'));
  return new Set([...section.matchAll(/^\| \d{3} +\| `([A-Z_]+)`/gm)].map((m) => m[1]));
}

describe('docs/API.md', () => {
  it('documents every route of openapi.json, with its method', async () => {
    const kit = createApiKit();
    const res = await kit.client.send({ method: 'GET', target: '/api/v1/openapi.json' });
    const paths = (res.json as { paths: Record<string, Record<string, unknown>> }).paths;
    const routes = Object.entries(paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(routes.length).toBeGreaterThanOrEqual(10);
    for (const route of routes) expect(doc, `route ${route}`).toContain(`\`${route}`);
    await kit.app.close();
  });

  it('lists exactly the error codes the code can answer', () => {
    const inSource = errorCodesInSource();
    expect(inSource.size).toBeGreaterThanOrEqual(25);
    expect([...errorTableCodes()].sort()).toEqual([...inSource].sort());
  });

  it('names every review reason of an unknown payment', () => {
    expect(REVIEW_REASONS.length).toBeGreaterThanOrEqual(5);
    for (const r of REVIEW_REASONS) expect(doc, `review reason ${r}`).toContain(`\`${r}\``);
  });

  it('links only to example files that exist', () => {
    const links = [...doc.matchAll(/\]\(\.\.\/(examples\/[^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const link of links) expect(statSync(path.join(ROOT, link)).isFile()).toBe(true);
  });
});
