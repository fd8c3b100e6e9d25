// Drives the controller's web console in Debian's Chromium (headless) for ConsoleBrowserIT.
//
// Environment: CONSOLE_URL (http://127.0.0.1:port), CONSOLE_TOKEN (never on the command line), EXPECT (JSON
// written by the IT: agents with their expected cells, the live change, the model), SCREENSHOT_DIR,
// USER_DATA_DIR (fresh), CHROMIUM (default /usr/bin/chromium).
// Talks to the IT over stdio: prints `STEP <name>` and waits for `OK <name>` on stdin before going on;
// prints `SCREENSHOT <path>` per screenshot and `PASS <check>` per check; exits 1 after `FAIL <reason>`.
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`environment variable ${name} is not set`);
  return v;
};
const url = env('CONSOLE_URL');
const token = env('CONSOLE_TOKEN');
const expect = JSON.parse(env('EXPECT'));
const shots = env('SCREENSHOT_DIR');
const WAIT_MS = 20000;

const stdin = createInterface({ input: process.stdin });
const lines = stdin[Symbol.asyncIterator]();

async function step(name) {
  console.log(`STEP ${name}`);
  const { value, done } = await lines.next();
  if (done || value.trim() !== `OK ${name}`) throw new Error(`step ${name}: the IT answered ${done ? 'nothing' : value}`);
}

function check(cond, what) {
  if (!cond) throw new Error(what);
  console.log(`PASS ${what}`);
}

async function shot(page, name) {
  const path = join(shots, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`SCREENSHOT ${path}`);
}

/** Waits until `selector`'s text contains `wanted`; fails naming what it saw last. */
async function until(page, selector, wanted, what) {
  const deadline = Date.now() + WAIT_MS;
  let seen = '';
  while (Date.now() < deadline) {
    seen = (await page.locator(selector).first().textContent({ timeout: WAIT_MS }).catch(() => '')) ?? '';
    if (wanted instanceof RegExp ? wanted.test(seen) : seen.includes(wanted)) {
      check(true, `${what}: '${seen.trim()}'`);
      return seen.trim();
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`${what}: waited ${WAIT_MS} ms for ${selector} to show ${wanted} but it shows '${seen.trim()}'`);
}

const context = await chromium.launchPersistentContext(env('USER_DATA_DIR'), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 800 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const page = context.pages()[0] ?? await context.newPage();
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  page.on('pageerror', (e) => console.log(`PAGEERROR ${e.message}`));

  // Sign-in form first; a wrong token shows the API's 401 in the banner.
  await page.goto(`${url}/`);
  check(page.url().endsWith('/console/'), `/ redirects to the console (${page.url()})`);
  await page.locator('#login').waitFor();
  await shot(page, 'login');
  await page.fill('#token', 'not-the-token');
  await page.click('#login button[type=submit]');
  await until(page, '#banner', '401 unauthorized: the bearer token is not valid', 'wrong token shows the 401 banner');
  check(await page.locator('#login').isVisible(), 'wrong token stays on the sign-in form');
  await shot(page, 'error-wrong-token');

  // Fleet table with every agent's figures.
  await page.fill('#token', token);
  await page.click('#login button[type=submit]');
  await page.locator('#fleet').waitFor({ timeout: WAIT_MS });
  await until(page, '#live-state', /^live$/, 'live feed connected');
  check(await page.locator('#banner').isHidden(), 'banner cleared after sign-in');
  for (const a of expect.agents) {
    const row = `#fleet tr[data-agent="${a.id}"]`;
    await until(page, `${row} td.status`, a.status, `${a.id} status`);
    for (const l of a.labels) await until(page, `${row} td.labels`, l, `${a.id} label ${l}`);
    await until(page, `${row} td.variant`, a.variant, `${a.id} active variant`);
    await until(page, `${row} td.cpu`, a.cpu, `${a.id} CPU`);
    await until(page, `${row} td.battery`, a.battery, `${a.id} battery`);
    await until(page, `${row} td.miss`, a.miss, `${a.id} deadline-miss rate`);
  }
  await shot(page, 'fleet');

  // A value changes without a reload: the IT publishes new telemetry and a heartbeat.
  await page.evaluate(() => { window.notReloaded = true; });
  const change = expect.live;
  await step('telemetry');
  const row = `#fleet tr[data-agent="${change.agent}"]`;
  await until(page, `${row} td.battery`, change.battery, `${change.agent} battery updated live`);
  await until(page, `${row} td.variant`, change.variant, `${change.agent} active variant updated live`);
  check(await page.evaluate(() => window.notReloaded === true), 'the page was not reloaded');
  await shot(page, 'fleet-live');

  // Per-agent live view.
  await page.click(`${row} td.agent a`);
  await until(page, '#view h1', `Agent ${change.agent}`, 'per-agent view opened');
  await until(page, '#rate .value', change.rate, 'inference rate');
  await until(page, '#latency .value', change.p99, 'p99 latency');
  await until(page, '#energy .value', change.energy, 'energy');
  await until(page, '#swaps', 'swap.completed', 'swaps timeline');
  check(await page.locator('#rate polyline').count() === 1, 'inference rate sparkline drawn');
  await shot(page, 'agent');

  // Model ladders.
  await page.click('#nav a[href="#/ladders"]');
  const ladder = `section[data-model="${expect.model}"] table.ladder tbody tr`;
  await page.locator(ladder).first().waitFor({ timeout: WAIT_MS });
  const rungs = await page.locator(ladder).count();
  check(rungs === expect.rungs, `ladder of ${expect.model} lists ${rungs} variants`);
  await until(page, `section[data-model="${expect.model}"] table.ladder`, expect.precision, 'ladder shows precisions');
  await shot(page, 'ladders');

  // A rollout started, paused and aborted from the UI.
  await page.click('#nav a[href="#/rollouts"]');
  await page.locator('#start-rollout').waitFor();
  await page.selectOption('#start-rollout select[name=model]', expect.model);
  await page.fill('#start-rollout input[name=selector]', expect.selector);
  await page.fill('#start-rollout input[name=canary]', '1');
  await page.click('#start-rollout button[type=submit]');
  const rollout = '#rollouts tbody tr:first-child';
  await until(page, `${rollout} td.state`, /PENDING|RUNNING/, 'rollout started');
  await shot(page, 'rollout-started');
  await page.click(`${rollout} button[data-action=pause]`);
  await until(page, `${rollout} td.state`, 'PAUSED', 'rollout paused');
  await shot(page, 'rollout-paused');
  await page.click(`${rollout} button[data-action=abort]`);
  await until(page, `${rollout} td.state`, /ABORTED|ROLLING_BACK/, 'rollout aborted');
  check(await page.locator(`${rollout} button[data-action=abort]`).isDisabled()
    && await page.locator(`${rollout} button[data-action=pause]`).isDisabled(), 'pause and abort disabled once aborted');
  await shot(page, 'rollouts');

  // A failing call: an unknown rollout is the API's 404 in the banner, not a blank panel.
  await page.goto(`${url}/console/#/rollouts/no-such-rollout`);
  await until(page, '#banner', '404 not_found: rollout no-such-rollout does not exist', 'unknown rollout shows the 404 banner');
  await shot(page, 'error-404');

  // The controller goes away: the next call and the live feed say so.
  await step('stop-controller');
  await page.click('#nav a[href="#/fleet"]');
  await until(page, '#banner', 'the controller cannot be reached', 'controller down shows the banner');
  await shot(page, 'error-controller-down');

  const leaked = requested.filter((u) => u.includes(token));
  check(leaked.length === 0, `no request URL carries the token (${requested.length} requests)`);
} catch (e) {
  failed = true;
  console.log(`FAIL ${e.message.split('\n')[0]}`);
} finally {
  await context.close();
  stdin.close();
}
process.exit(failed ? 1 : 0);
