/**
 * The local GraphiQL page in a real browser (Debian's chromium driven by playwright-core): the page
 * loads from npm packages with no network, a query with a token returns data, and an auth error
 * shows as such. Skipped where no chromium is installed (.ci/run installs it).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccounts } from './fixtures/fixtureSubgraphs.js';
import type { FixtureSubgraph } from './fixtures/serveSubgraph.js';
import { bearer, compose, IDENTITY_KEY, startRouter, type RunningRouter } from './fixtures/startRouter.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);

let accounts: FixtureSubgraph;
let r: RunningRouter;
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  accounts = await startAccounts(IDENTITY_KEY);
  r = await startRouter(compose([accounts]), { auth: { required: true } });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);
afterAll(async () => {
  if (!available) return;
  await browser.close();
  await r[Symbol.asyncDispose]();
  await accounts.close();
});

/** Opens GraphiQL with the given headers and query already in its editors, runs it, returns the result text. */
async function runInGraphiQL(headers: Record<string, string>, query: string): Promise<string> {
  const context = await browser.newContext();
  const outside: string[] = [];
  context.on('request', (req) => {
    if (!req.url().startsWith(new URL(r.url).origin)) outside.push(req.url());
  });
  const page = await context.newPage();
  await page.addInitScript(
    ([h, q]) => {
      // runs in the page (no DOM types in this project's tsconfig)
      const storage = (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage;
      storage.setItem('graphiql:headers', h ?? '');
      storage.setItem('graphiql:query', q ?? '');
    },
    [JSON.stringify(headers), query],
  );
  await page.goto(r.url, { waitUntil: 'load' });
  await page.locator('.graphiql-execute-button').click({ timeout: 20_000 });
  const result = page.locator('.result-window');
  await expect.poll(async () => (await result.innerText()).trim().length, { timeout: 20_000 }).toBeGreaterThan(2);
  const text = await result.innerText();
  await context.close();
  expect(outside).toEqual([]);
  return text;
}

describe.skipIf(!available)('GraphiQL page', () => {
  it('serves the page from npm packages', async () => {
    const res = await fetch(r.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('/graphiql/graphiql.min.js');
  });

  it('runs a query with the token from the header editor', async () => {
    const text = await runInGraphiQL(await bearer('alice', ['read']), '{ users(first: 1) { id } }');
    expect(text).toContain('"u1"');
  });

  it('shows an auth error as such', async () => {
    const text = await runInGraphiQL({}, '{ users(first: 1) { id } }');
    expect(text).toContain('UNAUTHENTICATED');
  });
});
