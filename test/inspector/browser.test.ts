/**
 * End to end in a real headless Chromium (Debian's `chromium`, driven by playwright-core): the
 * inspector page follows a whole simulated survey call live, turn by turn, and its screenshot
 * shows the tree in the right colours. No network: only the inspector's own origin is reachable.
 * Without /usr/bin/chromium these tests are skipped (.ci/run installs it).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { type Inspector, startInspector } from 'react-agent-tasks/inspector';
import { scriptedLLM } from 'react-agent-tasks/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forwardToInspector } from '../../examples/cli/inspect.js';
import { createExampleCall } from '../../examples/shared/session.js';
import { survey } from '../../examples/survey/example.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium; .ci/run installs it)`);

const VIEWPORT = { width: 1280, height: 800 };
const scratch = mkdtempSync(join(tmpdir(), 'inspector-e2e-'));
let inspector: Inspector;
let browser: BrowserContext;
let page: Page;
const offOrigin: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  inspector = await startInspector();
  browser = await chromium.launchPersistentContext(join(scratch, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: VIEWPORT,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const origin = new URL(inspector.url).origin;
  await browser.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    offOrigin.push(url);
    return route.abort();
  });
  page = browser.pages()[0] ?? (await browser.newPage());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await inspector?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Waits until the step box at `path` shows `label` (its state, entries, whether it holds the session). */
const step = (label: string) => page.getByLabel(label, { exact: true }).waitFor();

/** An RGB pixel of a PNG. */
function pixel(png: PNG, x: number, y: number): [number, number, number] {
  const at = (png.width * Math.round(y) + Math.round(x)) << 2;
  return [png.data[at]!, png.data[at + 1]!, png.data[at + 2]!];
}

function hex(colour: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) as [number, number, number];
}

/** Inside the box of the step at `path`, clear of its border and text: the box's fill. */
async function fillOf(png: PNG, path: string): Promise<[number, number, number]> {
  const box = (await page.locator(`[data-path="${path}"] rect`).boundingBox())!;
  return pixel(png, box.x + 7, box.y + box.height - 7);
}

describe.skipIf(!hasChromium)('the inspector in a real Chromium (needs /usr/bin/chromium)', () => {
  test('follows a whole simulated call live: steps, the step holding the session, go-backs, results, and the end of the call', async () => {
    await page.goto(inspector.url);
    await page.getByText('live', { exact: true }).waitFor();
    await page.getByText('Waiting for a conversation…').waitFor();

    const { call, run } = createExampleCall(survey, { llm: scriptedLLM(survey.simulation.script()) }, {
      csvPath: join(scratch, 'interviews.csv'),
      onEvent: forwardToInspector(inspector, () => {}),
    });
    inspector.attach(call.session, { title: 'survey (simulated)' });
    const lines = survey.simulation.caller;

    await call.start(run.agent);
    await page.getByRole('heading', { name: 'survey (simulated)' }).waitFor();
    await step('task intro: active, entered 1×, holding the session');
    await step('task email: pending');
    await page.getByText('Hi, thanks for joining this screening call!', { exact: false }).waitFor();

    await call.say(lines[0]!);
    await step('task intro: done, entered 1×');
    await step('task email: active, entered 1×, holding the session');
    await page.getByText('record_intro({"name":"Jane Doe"', { exact: false }).waitFor();

    await call.say(lines[1]!);
    await step('task commute: active, entered 1×, holding the session');

    await call.say(lines[2]!); // "can I change my email?": the model goes back
    await step('task email: active, entered 2×, holding the session');
    await step('task commute: pending, entered 1×');
    await page.getByText('↩ back to email (from commute)').waitFor();

    await call.say(lines[3]!);
    await step('task commute: active, entered 2×, holding the session');
    await page.getByText('● commute holds the session').waitFor();
    await page.locator('.results').getByText('{"email":"jane.doe@example.com"}').waitFor();

    // The picture of the page at this moment: right size, not blank, the tree in its colours.
    const shot = await page.screenshot();
    if (process.env.UPDATE_SCREENSHOT === '1') writeFileSync(new URL('../../docs/inspector.png', import.meta.url), shot);
    const png = PNG.sync.read(shot);
    expect([png.width, png.height]).toEqual([VIEWPORT.width, VIEWPORT.height]);
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4 * 97) colours.add(png.data.readUInt32BE(i));
    expect(colours.size).toBeGreaterThan(40);
    const near = (actual: [number, number, number], expected: string) => actual.every((c, i) => Math.abs(c - hex(expected)[i]!) <= 8);
    expect(near(await fillOf(png, 'commute'), '#dbeafe'), 'the step holding the session is blue').toBe(true);
    expect(near(await fillOf(png, 'email'), '#dcfce7'), 'a done step is green').toBe(true);
    expect(near(await fillOf(png, 'experience'), '#f4f4f5'), 'a pending step is grey').toBe(true);
    expect(near(pixel(png, 4, 4), '#0f172a'), 'the header bar').toBe(true);

    await call.say(lines[4]!);
    await step('task experience: active, entered 1×, holding the session');
    await call.say(lines[5]!);
    await step('task behavioral: active, entered 1×, holding the session');
    await call.say(lines[6]!);
    await page.getByText('record_work_style({"workStyle":"Small teams that pair a lot."})', { exact: false }).waitFor();
    await call.say(lines[7]!);
    await call.settled('the agent to finish', run.finished);
    await page.getByText('Workflow (finished)').waitFor();
    for (const id of ['intro', 'experience', 'behavioral']) await step(`task ${id}: done, entered 1×`);
    for (const id of ['email', 'commute']) await step(`task ${id}: done, entered 2×`);
    await page.locator('.results').getByText('{"years":6,"summary":"Payment APIs and data pipelines."}').waitFor();
    await page.getByText('Thank you, Jane! The team will be in touch within a week. Goodbye!').waitFor();

    await call.close();
    await page.locator('.badge.status-finished').waitFor();
    await page.getByText(/^call ended/).waitFor();
    expect(offOrigin).toEqual([]);
  }, 90_000);
});
