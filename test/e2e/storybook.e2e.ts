// The static Storybook in Debian's Chromium, driven as a person would: open a story, read
// what the page says, press Retry. Run with `npm run test:e2e` (it builds Storybook first).
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, ConsoleMessage, FrameLocator, Page } from 'playwright-core';
import { createFakeTokenService, type FakeServer } from '../../src/testing';
import { launchChromium, openPage } from '../helpers/chromium';
import { LOCAL_FAKE_KEY, LOCAL_FAKE_PORT } from '../../stories/support/localFakeService';
import { shortToken } from '../../stories/support/shortToken';
import { serveStatic } from './serveStatic';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOTS = join(ROOT, 'test/e2e/screenshots');
const SHORT_TOKEN = /^[\w-]{6}…[\w-]{4} \(342 characters\)$/;
const WAIT = { timeout: 30_000 };

const fake = createFakeTokenService({ apiKey: LOCAL_FAKE_KEY });
let storybook: { url: string; close(): Promise<void> } | undefined;
let fakeServer: FakeServer | undefined;
let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
let browser: BrowserContext | undefined;
/** Requests the browser made to anything but this machine: there must be none. */
const offMachine: string[] = [];

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  storybook = await serveStatic(join(ROOT, 'storybook-static'));
  fakeServer = await fake.listen(LOCAL_FAKE_PORT).catch((error: unknown) => {
    throw new Error(`cannot start the fake service on 127.0.0.1:${LOCAL_FAKE_PORT} (is \`npm start\` running?)`, { cause: error });
  });
  chromium = await launchChromium();
  browser = chromium.browser;
  // The stories' backend is answered by msw's worker inside the browser; anything else that
  // got an answer, or tried to, went to the network.
  const elsewhere = (href: string) => {
    const url = new URL(href);
    return /^https?:$/.test(url.protocol) && url.hostname !== '127.0.0.1' && url.hostname !== 'localhost';
  };
  browser.on('response', (response) => {
    if (elsewhere(response.url()) && !response.fromServiceWorker()) offMachine.push(response.url());
  });
  browser.on('requestfailed', (request) => {
    if (elsewhere(request.url())) offMachine.push(request.url());
  });
});

after(async () => {
  await chromium?.close();
  await fakeServer?.close();
  await storybook?.close();
});

/** Opens a story in the Storybook UI; returns the page, its story frame and its console. */
async function openStory(id: string): Promise<{ page: Page; story: FrameLocator; console: ConsoleMessage[] }> {
  const { page, messages } = await openPage(browser!, `${storybook!.url}/?path=/story/${id}`);
  return { page, story: page.frameLocator('#storybook-preview-iframe'), console: messages };
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** The shortened token the joined view shows. */
async function shownToken(story: FrameLocator): Promise<string> {
  const room = story.getByRole('region', { name: 'Broadcast room' });
  await room.waitFor(WAIT);
  return ((await room.locator('p', { hasText: 'Token:' }).locator('code').textContent()) ?? '').trim();
}

function errorsIn(messages: ConsoleMessage[]): string[] {
  return messages.filter((message) => message.type() === 'error').map((message) => message.text());
}

test('Joined: the room shows with a shortened token and its length, never the whole token', async () => {
  const { page, story, console } = await openStory('broadcastjoingate--joined');

  assert.match(await shownToken(story), SHORT_TOKEN);
  assert.doesNotMatch(await story.locator('body').innerText(), /[\w-]{40,}/);
  assert.match((await story.getByRole('region', { name: 'Broadcast room' }).innerText()) ?? '', /Room studio-7, broadcasting as host-ada\./);
  await screenshot(page, 'joined');
  assert.deepEqual(errorsIn(console), []);
  await page.close();
});

test('Denied → Retry → Joined: the denial and a Retry button, then the room after one more request', async () => {
  const { page, story, console } = await openStory('broadcastjoingate--denied');

  const alert = story.getByRole('alert');
  await alert.waitFor(WAIT);
  assert.match(await alert.innerText(), /You are not allowed to join this broadcast./);
  const retry = story.getByRole('button', { name: 'Retry' });
  assert.equal(await retry.isEnabled(), true);
  await screenshot(page, 'denied');

  await retry.click();

  assert.match(await shownToken(story), SHORT_TOKEN);
  assert.equal(await story.getByRole('alert').count(), 0);
  const log = story.getByRole('table', { name: 'Requests to the backend' });
  assert.match(await log.locator('caption').innerText(), /Requests to the backend: 2/);
  await screenshot(page, 'denied-retry-joined');
  // Chromium logs every non-2xx answer: here, the one denial and nothing else.
  assert.deepEqual(errorsIn(console), ['Failed to load resource: the server responded with a status of 403 ()']);
  await page.close();
});

test('Dev mode: the page calls the fake service over real HTTP, shows its token in short, and warns once', async () => {
  const before = fake.issued.length;
  const { page, story, console } = await openStory('broadcastjoingate--dev-mode');

  const shown = await shownToken(story);

  assert.equal(fake.issued.length, before + 1);
  assert.equal(shown, shortToken(fake.issued.at(-1)!.token));
  assert.equal(fake.calls.at(-1)!.headers.authorization, `Bearer ${LOCAL_FAKE_KEY}`);
  const warnings = console.filter((message) => message.type() === 'warning' && message.text().startsWith('react-room-token:'));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!.text(), /dev mode/);
  assert.doesNotMatch(warnings[0]!.text(), new RegExp(LOCAL_FAKE_KEY));
  await screenshot(page, 'dev-mode');
  assert.deepEqual(errorsIn(console), []);
  await page.close();
});

test('no request left this machine: the stories work with no network', () => {
  assert.deepEqual(offMachine, []);
});
