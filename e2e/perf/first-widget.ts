import { createServer } from 'node:http';
import { signCustomerToken } from '@flywheel/api';
import { discoverWidgets } from '@flywheel/config/widgets';
import { DEMO } from '@flywheel/db';
import { chromium } from '@playwright/test';
import { startBff } from './bff-process.ts';
import { median } from './load.ts';
import { verdict } from './verdict.ts';

/**
 * `pnpm bench:first-widget` (after `pnpm build`): each widget alone on a bare page of another
 * origin, as a tenant embeds it, in a real Chromium with a cold cache, against the BFF as
 * `pnpm start` serves the built front ends. Prints, per widget (the median of 5 loads): the bytes
 * Chromium received for it (on the wire: compressed bodies and headers), the requests it took, and
 * how long after embed.js began to run its skeleton and its content were on screen. Budgets
 * (DESIGN.md): ≤ 150 KB on the wire, content ≤ 300 ms.
 */
const LOADS = 5;
const WIRE_BUDGET = 150 * 1024;
const VISIBLE_BUDGET_MS = 300;
// An origin the demo tenant allows. A real loopback server, not an intercepted route: Chromium's
// Private Network Access lets only a page on a private address load scripts from the loopback BFF.
const HOST_PORT = 3100;
const HOST_ORIGIN = `http://localhost:${HOST_PORT}`;
let pageHtml = '';
const pageServer = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(pageHtml));
await new Promise<void>((resolve, reject) => {
  pageServer.once('error', () => reject(new Error(`port ${HOST_PORT} is taken (the e2e suite?): the bare page needs it`)));
  pageServer.listen(HOST_PORT, 'localhost', resolve);
});

const bff = await startBff({ FLYWHEEL_DEV_REMOTES: '0' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

/** The bare page: the README's snippet (identify on load), and an observer that notes what shows when. */
const hostPage = (widget: string, token: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bare page</title></head><body>
<script>
  window.__fw = {};
  // The widget's shadow root: when it first shows a skeleton, and when content without one.
  const look = (root) => {
    const skeleton = root.querySelector('.fw-skeleton');
    if (skeleton && !window.__fw.skeleton) window.__fw.skeleton = performance.now();
    if (!skeleton && root.querySelector('h2, h3') && !window.__fw.content) window.__fw.content = performance.now();
  };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    new MutationObserver(() => look(root)).observe(root, { childList: true, subtree: true, attributes: true });
    return root;
  };
</script>
<script async src="${bff.url}/embed.js" data-key="${DEMO.publishableKey}"></script>
<flywheel-widget name="${widget}">Shown if the widget cannot load</flywheel-widget>
<script>addEventListener('load', () => Flywheel.identify(async () => ${JSON.stringify(token)}))</script>
</body></html>`;

type Load = { wireBytes: number; requests: number; skeletonMs: number; contentMs: number };

async function load(widget: string, token: string): Promise<Load> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // embed.js is async and alone: it runs as soon as it has arrived, so its resource timing's
  // responseEnd is when it starts to run.
  pageHtml = hostPage(widget, token);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const bffRequests = new Set<string>();
  let wireBytes = 0;
  cdp.on('Network.requestWillBeSent', (event) => {
    if (event.request.url.startsWith(bff.url)) bffRequests.add(event.requestId);
  });
  cdp.on('Network.loadingFinished', (event) => {
    if (bffRequests.has(event.requestId)) wireBytes += event.encodedDataLength;
  });
  await page.goto(`${HOST_ORIGIN}/bench.html`);
  await page.waitForFunction(() => (window as unknown as { __fw: { content?: number } }).__fw.content !== undefined, null, {
    timeout: 30_000,
  });
  const times = await page.evaluate(() => {
    const fw = (window as unknown as { __fw: { skeleton?: number; content: number } }).__fw;
    const embed = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((entry) =>
      entry.name.endsWith('/embed.js'),
    );
    return { embedRan: embed?.responseEnd ?? 0, skeleton: fw.skeleton ?? fw.content, content: fw.content };
  });
  await context.close();
  return {
    wireBytes,
    requests: bffRequests.size,
    skeletonMs: times.skeleton - times.embedRan,
    contentMs: times.content - times.embedRan,
  };
}

try {
  const token = await signCustomerToken(DEMO.secretKey, { sub: 'alice', ttlSeconds: 3600 });
  await load('referral-center', token); // warm the server (JIT, caches), not the browser
  console.log('widget               on the wire  requests  skeleton  content   (median of 5, cold browser cache)');
  const measured: { name: string; wire: number; content: number }[] = [];
  for (const { name } of discoverWidgets()) {
    const loads: Load[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await load(name, token));
    const wire = median(loads.map((l) => l.wireBytes));
    const content = median(loads.map((l) => l.contentMs));
    measured.push({ name, wire, content });
    const flags = [wire > WIRE_BUDGET ? 'OVER the wire budget' : '', content > VISIBLE_BUDGET_MS ? 'OVER the visible budget' : '']
      .filter(Boolean)
      .join(', ');
    console.log(
      `${name.padEnd(20)} ${(wire / 1024).toFixed(1).padStart(8)} KB ${String(median(loads.map((l) => l.requests))).padStart(9)} ${median(
        loads.map((l) => l.skeletonMs),
      )
        .toFixed(0)
        .padStart(6)} ms ${content.toFixed(0).padStart(6)} ms  ${flags}`,
    );
  }
  console.log(`budgets: ≤ ${WIRE_BUDGET / 1024} KB on the wire, content ≤ ${VISIBLE_BUDGET_MS} ms after embed.js runs`);
  for (const { name, wire, content } of measured) {
    verdict(
      `${name} first on a bare page, on the wire`,
      `${(wire / 1024).toFixed(1)} KB`,
      `≤ ${WIRE_BUDGET / 1024} KB`,
      wire <= WIRE_BUDGET,
    );
    verdict(`${name} visible after embed.js runs`, `${content.toFixed(0)} ms`, `≤ ${VISIBLE_BUDGET_MS} ms`, content <= VISIBLE_BUDGET_MS);
  }
} finally {
  await browser.close();
  await bff.stop();
  pageServer.close();
}
