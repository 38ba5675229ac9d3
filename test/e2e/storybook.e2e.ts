// The static Storybook in Debian's Chromium, driven as a person would: open a story, read
// what the page says, press Retry. Run with `npm run test:e2e` (it builds Storybook first).
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, ConsoleMessage, FrameLocator, Page } from 'playwright-core';
import { createFakeTokenService, type FakeServer } from '../../src/testing';
import { launchChromium, openPage } from '../helpers/chromium';
import { LOCAL_FAKE_KEY, LOCAL_FAKE_PORT } from '../../stories/support/localFakeService';
import { statedRequestCount } from '../../stories/support/requestCount';
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
    if (elsewhere(request.url())) offMachine.push(`${request.url()} (${request.failure()?.errorText})`);
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

test('Suspense, denied → Try again: the play function sees the denial at the error boundary, presses Try again, and the room shows after one more request', async () => {
  const { page, story } = await openStory('usesuspenseroommembertoken--denied-then-try-again');

  // The play function runs in the browser: the denial, Try again, then the room.
  const room = story.getByRole('region', { name: 'Broadcast room' });
  await room.waitFor(WAIT);
  assert.match(await room.innerText(), /Room studio-7, token [\w-]{6}…[\w-]{4}/);
  await story.getByText('Requests to the backend: 2').waitFor(WAIT);
  assert.equal(await story.getByRole('alert').count(), 0);
  await screenshot(page, 'suspense-try-again');
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

test('Keyboard: Retry pressed with Enter moves focus to the status message, then to the new Retry button when it fails again', async () => {
  const { page, story } = await openStory('broadcastjoingate--upstream-down');
  const retry = story.getByRole('button', { name: 'Retry' });
  await retry.waitFor(WAIT);
  // Reach Retry as a keyboard user does: Tab, from the message before it.
  await story.getByRole('alert').locator('p').click();
  for (let tabs = 0; tabs < 10 && !(await retry.evaluate((button) => button === document.activeElement)); tabs++) await page.keyboard.press('Tab');
  assert.equal(await retry.evaluate((button) => button === document.activeElement), true, 'Tab reaches Retry');

  await page.keyboard.press('Enter');

  // What has the focus: its role and text.
  const focused = () => story.locator('body').evaluate(() => [document.activeElement?.getAttribute('role') ?? document.activeElement?.tagName ?? null, document.activeElement?.textContent?.trim() ?? '']);
  await eventually(focused, ['status', 'Joining the broadcast…']);
  // The retries fail again: the new error view's Retry button has the focus.
  await eventually(focused, ['BUTTON', 'Retry']);
  await screenshot(page, 'keyboard-retry-failed-again');
  await page.close();
});

test('Dev mode: the page calls the fake service over real HTTP, shows its token in short, and warns once', async () => {
  const before = fake.issued.length;
  const { page, story, console } = await openStory('broadcastjoingate--dev-mode');

  const shown = await shownToken(story);

  assert.equal(fake.issued.length, before + 1);
  assert.equal(shown, shortToken(fake.issued.at(-1)!.token));
  assert.equal(fake.calls.at(-1)!.headers.authorization, `Bearer ${LOCAL_FAKE_KEY}`);
  const log = story.getByRole('table', { name: 'Requests to the backend' });
  assert.match(await log.locator('caption').innerText(), /Requests to the backend: 1/);
  assert.match(await log.locator('tbody tr').last().innerText(), /token$/);
  // The story says why it makes the requests it makes, and makes that many.
  assert.equal(statedRequestCount(await story.getByLabel('About the requests').innerText()), 1);
  const warnings = console.filter((message) => message.type() === 'warning' && message.text().startsWith('react-room-token:'));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!.text(), /dev mode/);
  assert.doesNotMatch(warnings[0]!.text(), new RegExp(LOCAL_FAKE_KEY));
  await screenshot(page, 'dev-mode');
  assert.deepEqual(errorsIn(console), []);
  await page.close();
});

/** Opens a Docs page; returns the page and the frame that holds the docs. */
async function openDocs(id: string): Promise<{ page: Page; docs: FrameLocator }> {
  const page = await browser!.newPage();
  await page.goto(`${storybook!.url}/?path=/docs/${id}`);
  return { page, docs: page.frameLocator('#storybook-preview-iframe') };
}

/** Polls `read` until it returns `expected` (deep-equal) or the wait runs out; returns the last value. */
async function eventually<T>(read: () => Promise<T>, expected: T): Promise<T> {
  const deadline = Date.now() + WAIT.timeout;
  for (;;) {
    const value = await read();
    try {
      assert.deepEqual(value, expected);
      return value;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, 250));
    }
  }
}

test('BroadcastJoinGate Docs page: each story counts only its own requests (the first story is shown twice)', async () => {
  const { page, docs } = await openDocs('broadcastjoingate--docs');
  const captions = () => docs.getByRole('table', { name: 'Requests to the backend' }).locator('caption').allInnerTexts();

  // Waiting (at the top and in the list), Joined, Denied, Upstream down (4 tries: the default
  // 3 retries), Recovers on retry, Custom fallbacks, Server-minted token (none: it has one).
  await eventually(captions, [1, 1, 1, 1, 4, 3, 1, 0].map((n) => `Requests to the backend: ${n}`));
  await screenshot(page, 'docs-broadcastjoingate');
  await page.close();
});

test('BroadcastJoinGate Docs page: a props table a person can read, and Show code that names its token source', async () => {
  const { page, docs } = await openDocs('broadcastjoingate--docs');
  const table = docs.locator('table.docblock-argstable');
  await table.waitFor(WAIT);
  const row = (name: string) => table.locator('tbody tr', { has: page.locator(`td:first-child >> text="${name}"`) });

  const text = await table.innerText();
  assert.doesNotMatch(text, /@defaultValue/);
  assert.doesNotMatch(text, /^union$/m);
  assert.match(await row('retry').innerText(), /\{ retries: 3, baseDelayMs: 500, maxDelayMs: 8000 \}/);
  assert.match(await row('children').innerText(), /ReactNode \| \(\(token: string\) => ReactNode\)/);
  assert.match(await row('errorFallback').innerText(), /\(\(props: \{ error: RoomTokenError; retry: \(\) => void; \}\) => ReactNode\)/);
  // An inline object type reads as a type, with no doc comments glued in.
  assert.doesNotMatch(await row('dev').innerText(), /\/\*|@default/);
  for (const option of ['headers', 'batch', 'timeoutMs']) assert.equal(await row(option).count(), 1, option);

  await docs.getByText('Show code', { exact: true }).first().click();
  const code = await docs.locator('pre').filter({ hasText: 'RoomTokenProvider' }).first().innerText();
  assert.match(code, /import \{ BroadcastJoinGate, RoomTokenProvider, useBroadcastToken \} from 'react-room-token';/);
  assert.match(code, /<RoomTokenProvider endpoint="\/api\/room-token">/);
  // As a new Vite app's main.tsx imports it, and with the proxy that gets /api to the backend.
  assert.match(code, /^\/\/ ── src\/App\.tsx ──$/m);
  assert.match(code, /^export default function App\(\) \{$/m);
  assert.match(code, /^\/\/ ── vite\.config\.ts ──$/m);
  assert.match(code, /proxy: \{ '\/api': 'http:\/\/localhost:3000' \}/);
  await page.close();
});

test('useRoomMemberToken Docs page: the table documents the hook’s arguments, not the playground', async () => {
  const { page, docs } = await openDocs('useroommembertoken--docs');
  const table = docs.locator('table.docblock-argstable');
  await table.waitFor(WAIT);
  const names = (await table.locator('tbody tr td:first-child').allInnerTexts()).map((name) => name.replace(/\*$/, '').trim());

  for (const option of ['request', 'endpoint', 'dev', 'fetchToken', 'headers', 'credentials', 'retry', 'refreshInterval', 'timeoutMs', 'batch']) {
    assert.ok(names.includes(option), `${option} is in the table (${names.join(', ')})`);
  }
  assert.ok(!names.includes('enabled'));
  const captions = () => docs.getByRole('table', { name: 'Requests to the backend' }).locator('caption').allInnerTexts();
  // Playground (at the top and in the list), Not yet, Rejects bad input.
  await eventually(captions, [1, 1, 0, 0].map((n) => `Requests to the backend: ${n}`));
  await page.close();
});

/** The ids of the stories in the built Storybook's index, by component (the id before `--`). */
async function storyIds(): Promise<Map<string, string[]>> {
  const index = JSON.parse(await readFile(join(ROOT, 'storybook-static/index.json'), 'utf8')) as { entries: Record<string, { type: string; id: string }> };
  const ids = new Map<string, string[]>();
  for (const entry of Object.values(index.entries)) {
    if (entry.type !== 'story') continue;
    const component = entry.id.split('--')[0]!;
    ids.set(component, [...(ids.get(component) ?? []), entry.id]);
  }
  return ids;
}

/**
 * The stories of a component's Docs page (all but Dev mode, which is not on it), each with
 * what its description says (its paragraphs) and the request count it states.
 */
async function describedStories(docs: FrameLocator, component: string, ids: readonly string[]) {
  const shown = ids.filter((id) => id !== 'broadcastjoingate--dev-mode');
  await docs.locator(`#anchor--${shown[0]}`).waitFor(WAIT);
  const onPage = await docs.locator(`.sb-anchor[id^="anchor--${component}--"]`).evaluateAll((anchors) => anchors.map((anchor) => anchor.id.replace(/^anchor--/, '')));
  assert.deepEqual(onPage, shown);
  const stories: { id: string; paragraphs: string[]; stated: number | undefined }[] = [];
  for (const id of shown) {
    const paragraphs = await docs.locator(`#anchor--${id} > div[lang] p`).allInnerTexts();
    stories.push({ id, paragraphs, stated: statedRequestCount(paragraphs.join('\n')) });
  }
  return stories;
}

/** The count each story's request log shows on a Docs page, by story id. */
async function shownCounts(docs: FrameLocator, ids: readonly string[]): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const id of ids) {
    const caption = await docs.locator(`#anchor--${id}`).getByRole('table', { name: 'Requests to the backend' }).locator('caption').innerText();
    found[id] = Number(/(\d+)$/.exec(caption)?.[1]);
  }
  return found;
}

/**
 * Waits until each story on a Docs page shows the count its description states and none is
 * still waiting for an answer: a page closed or left before that cancels the request, and
 * Chromium reports a cancelled request as a failed one.
 */
async function settled(docs: FrameLocator, stories: readonly { id: string; stated: number | undefined }[]): Promise<void> {
  await eventually(() => shownCounts(docs, stories.map((story) => story.id)), Object.fromEntries(stories.map((story) => [story.id, story.stated])));
  await eventually(() => docs.getByRole('cell', { name: 'waiting', exact: true }).count(), 0);
}

/** The components whose Docs pages show request logs, with their story ids. */
async function componentsWithLogs(): Promise<Map<string, string[]>> {
  const components = await storyIds();
  assert.deepEqual([...components.keys()].sort(), ['broadcastjoingate', 'permission-catalogue', 'useroommembertoken', 'usesuspenseroommembertoken']);
  // The catalogue's page shows its one story at the top alone, with no story description (and
  // it fetches nothing): test/stories/descriptions.test.tsx checks what its description says.
  components.delete('permission-catalogue');
  return components;
}

test('Docs pages: every story says what it shows and why it makes the requests it makes, and its request log shows that many', async () => {
  for (const [component, ids] of await componentsWithLogs()) {
    const { page, docs } = await openDocs(`${component}--docs`);

    const stories = await describedStories(docs, component, ids);

    for (const { id, paragraphs, stated } of stories) {
      // What the story shows, then its count and why.
      assert.ok(paragraphs.length >= 2 && paragraphs[0]!.length > 20, `${id}: ${paragraphs.join(' / ')}`);
      assert.equal(typeof stated, 'number', `${id} states its request count: ${paragraphs.join(' / ')}`);
    }
    await settled(docs, stories);
    await page.close();
  }
});

test('Dev mode after a Docs page in the same tab: the story joins and its log counts the request it made', async () => {
  const components = await componentsWithLogs();
  const gateDocs = async (docs: FrameLocator) => settled(docs, await describedStories(docs, 'broadcastjoingate', components.get('broadcastjoingate')!));
  // Each Docs page is left once its requests are answered (leaving earlier cancels them).
  for (const first of ['broadcastjoingate', 'useroommembertoken']) {
    const { page, docs } = await openDocs(`${first}--docs`);
    await settled(docs, await describedStories(docs, first, components.get(first)!));
    // As a person does, in the sidebar, with no new page load: the gate's entry (its Docs
    // page, when another component's is open), then its Dev mode story.
    const link = page.locator('#broadcastjoingate--dev-mode');
    if (!(await link.isVisible())) {
      await page.locator('#broadcastjoingate').click();
      await gateDocs(docs);
    }
    const before = fake.issued.length;

    await link.click();

    const story = page.frameLocator('#storybook-preview-iframe');
    const shown = await shownToken(story);
    assert.equal(fake.issued.length, before + 1, first);
    assert.equal(shown, shortToken(fake.issued.at(-1)!.token));
    const caption = story.getByRole('table', { name: 'Requests to the backend' }).locator('caption');
    await eventually(() => caption.innerText(), 'Requests to the backend: 1');
    assert.equal(statedRequestCount(await story.getByLabel('About the requests').innerText()), 1);
    await screenshot(page, `dev-mode-after-${first}-docs`);
    await page.close();
  }
});

test('no request left this machine: the stories work with no network', () => {
  assert.deepEqual(offMachine, []);
});
