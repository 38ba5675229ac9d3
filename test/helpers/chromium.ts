// Debian's Chromium driven by playwright-core: browsers cannot be downloaded here
// (toolchain.md). Shared by the Storybook e2e test and the consumer projects' tests.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps calling home on a closed network.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium with a fresh profile; `close()` also removes the profile. Throws, never skips, when there is none. */
export async function launchChromium(): Promise<{ browser: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'rrt-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** A page opened at `url`, with everything its console said and every uncaught error. */
export async function openPage(browser: BrowserContext, url: string): Promise<{ page: Page; messages: ConsoleMessage[]; errors(): string[] }> {
  const page = await browser.newPage();
  const messages: ConsoleMessage[] = [];
  const uncaught: Error[] = [];
  page.on('console', (message) => messages.push(message));
  page.on('pageerror', (error) => uncaught.push(error));
  await page.goto(url);
  return {
    page,
    messages,
    errors: () => [...uncaught.map(String), ...messages.filter((message) => message.type() === 'error').map((message) => message.text())],
  };
}
