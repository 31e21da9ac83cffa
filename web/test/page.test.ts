/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The meter page in a real browser (Debian's Chromium, playwright-core): typed by clicking, by the
// keyboard and by paste, kept across a reload, exported and imported. Screenshots go to reports/.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { startMeter } from '../../protocol/device.js';
import { checkDigit } from '../../firmware/tokens/verhoeff.js';
import { MeterStore } from '../../cli/store/meter-store.js';
import { listen, webServer, WEB_ROOT } from '../../cli/web.js';
import { meterState } from '../../test/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = new URL('../../reports/', import.meta.url);

let server: Server;
let url: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Script errors and console errors of the page: a test fails on any. */
let errors: string[] = [];

beforeAll(async () => {
  server = webServer(WEB_ROOT);
  url = await listen(server, 0, '127.0.0.1');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  page = await context.newPage();
  errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  await pause();
});

afterEach(async () => {
  await context?.close();
  expect(errors).toEqual([]);
});

/** Stop the virtual clock, so credit only changes by what a test does. */
async function pause() {
  const button = page.getByRole('button', { name: 'Pause' });
  await button.click();
  await expect.poll(() => page.getByTestId('clock').textContent()).toContain('paused');
}

const lcd = () => page.getByRole('group', { name: 'Meter display' });
const keypad = () => page.getByRole('group', { name: 'Keypad' });
const notice = () => page.getByTestId('notice-line');

/** CREDIT £x.yy on the LCD, in pence. */
async function creditPence(): Promise<number> {
  const m = /CREDIT (-?)£(\d+)\.(\d\d)/.exec((await lcd().textContent()) ?? '');
  if (!m) throw new Error('no CREDIT line on the LCD');
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
}

/** The meter balance in milli-pence, exact, from the state the page saved after its last input. */
async function balanceMp(): Promise<number> {
  const saved = await page.evaluate(() => localStorage.getItem('nowan.meter'));
  return (JSON.parse(saved!) as { snapshot: { context: { meter: { meterBalance: number } } } }).snapshot.context.meter.meterBalance;
}

/**
 * A £10 top-up as the page shows it: the balance rises by exactly 1,000,000 mp, and the LCD by 10.00
 * give or take the penny its truncation toward zero drops (-60.4 p shows -£0.60, 939.6 p £9.39).
 */
async function expectTenPoundsAdded(beforeMp: number, beforePence: number) {
  expect(await balanceMp()).toBe(beforeMp + 1_000_000);
  expect([999, 1000]).toContain((await creditPence()) - beforePence);
}

/** Issue a preset from the vending panel and return the newest issued text. */
async function vend(preset: string, kind: 'token' | 'envelope'): Promise<string> {
  await page.getByRole('group', { name: 'Issue a preset token' }).getByRole('button', { name: preset }).click();
  return ((await page.getByTestId(`issued-${kind}`).first().textContent()) ?? '').trim();
}

async function clickDigits(digits: string) {
  for (const d of digits.replace(/ /g, '')) await keypad().getByRole('button', { name: d, exact: true }).click();
}

describe('the meter page', () => {
  it('the demo top-up typed by clicking the keypad is accepted and adds £10.00', async () => {
    // Some hours of use first, so the chart has a story (the next boundary is local midnight or sooner).
    for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Next boundary' }).click();
    const before = await creditPence();
    const beforeMp = await balanceMp();
    const token = await vend('Top-up £10', 'token');
    expect(token).toMatch(/^\d{5} \d{5} \d{5} \d{5}$/);
    const digits = token.replace(/ /g, '');
    await clickDigits(digits.slice(0, 11));
    await expect.poll(() => page.getByTestId('entry').textContent()).toBe(`> A:${digits.slice(0, 5)} B:${digits.slice(5, 10)} C:${digits[10]}`);
    await clickDigits(digits.slice(11));
    await keypad().getByRole('button', { name: 'Enter (#)' }).click();
    await expect.poll(() => notice().textContent()).toBe('ADDED £10.00');
    await expectTenPoundsAdded(beforeMp, before); // the clock paused
    await expect.poll(() => page.getByTestId('events').textContent()).toContain('Credit added');
    await page.screenshot({ path: new URL('web-accepted.png', SHOTS).pathname, fullPage: true });
  });

  it('Enter submits typed digits even while the vending button that issued them has the focus', async () => {
    const token = (await vend('Top-up £10', 'token')).replace(/ /g, '');
    const issued = await page.getByTestId('issued-token').count();
    const before = await creditPence();
    const beforeMp = await balanceMp();
    await page.keyboard.type(token); // the focus is still on the vending button just clicked
    await page.keyboard.press('Enter');
    await expect.poll(() => notice().textContent()).toBe('ADDED £10.00');
    await expectTenPoundsAdded(beforeMp, before);
    expect(await page.getByTestId('issued-token').count()).toBe(issued); // nothing vended again
  });

  it('a typo shows the check-digit message with its block', async () => {
    const token = (await vend('Add debt £25', 'token')).replace(/ /g, '');
    expect(token).toHaveLength(40);
    // One digit of the second 20-digit block changed: only block 2's check digit fails (tokens.md 5).
    const typo = token.slice(0, 24) + String((Number(token[24]) + 1) % 10) + token.slice(25);
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.type(typo);
    await page.keyboard.press('Enter');
    await expect.poll(() => notice().textContent()).toBe('CHECK DIGIT BLOCK 2');
    await expect.poll(() => page.getByTestId('entry').textContent()).toBe('> _');
  });

  it('five forged tokens lock the keypad, and a good one is then refused', async () => {
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    for (let i = 1; i <= 5; i++) {
      const pptd = (BigInt('7394333345718904331') + BigInt(i)).toString(); // a well-formed UTRN, MAC bits changed
      await page.keyboard.type(pptd + String(checkDigit(pptd)));
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => notice().textContent()).toBe('KEY LOCKED 60 MIN'); // 5 failures lock for 60 min (prepayment.md)
    const before = await creditPence();
    const token = await vend('Top-up £10', 'token');
    await clickDigits(token);
    await keypad().getByRole('button', { name: 'Enter (#)' }).click();
    await expect.poll(() => notice().textContent()).toBe('KEY LOCKED 60 MIN');
    expect(await creditPence()).toBe(before);
    await page.screenshot({ path: new URL('web-locked.png', SHOTS).pathname });
  });

  it('an envelope pasted into the PPMID is applied, and can be shown as a QR code', async () => {
    const before = await creditPence();
    const jws = await vend('Envelope: top-up £20', 'envelope');
    expect(jws.split('.')).toHaveLength(3);
    const field = page.getByLabel('Token digits or envelope (JWS)');
    await field.fill(jws);
    await page.getByRole('button', { name: 'QR code' }).click();
    await expect.poll(() => page.getByRole('img', { name: 'QR code of the text in the PPMID field' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Send to meter' }).click();
    await expect.poll(() => page.getByTestId('ppmid-message').textContent()).toContain('£20.00');
    expect(await creditPence()).toBe(before + 2000);
    expect(await field.inputValue()).toBe('');
  });

  it('a reload keeps the meter, and vending never reuses a counter', async () => {
    const token = await vend('Top-up £50', 'token');
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.type(token.replace(/ /g, '') + '#');
    await expect.poll(() => notice().textContent()).toBe('ADDED £50.00');
    const counter = Number(await page.getByTestId('issued-counter').first().textContent());
    const saved = await page.evaluate(() => localStorage.getItem('nowan.meter'));
    await page.reload();
    await pause();
    // The saved state is what the page shows: the top-up is there (the clock ran a little meanwhile).
    expect(await creditPence()).toBeGreaterThan(5000);
    await expect.poll(() => page.getByTestId('events').textContent()).toContain('Credit added');
    expect(JSON.parse(saved!).snapshot.context.meter.utrnCounters).toContain(counter);
    await vend('Top-up £10', 'token');
    expect(Number(await page.getByTestId('issued-counter').first().textContent())).toBe(counter + 1);
  });

  it('exports a --meter state file the CLI opens, and imports one the CLI wrote', async () => {
    const before = await creditPence();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export meter' }).click();
    const dir = mkdtempSync(join(tmpdir(), 'nowan-web-'));
    const exported = join(dir, 'exported.json');
    await (await download).saveAs(exported);
    const fromCli = new MeterStore(exported).load().getSnapshot().context.meter;
    expect(Math.trunc(fromCli.meterBalance / 1000)).toBe(before); // mp to pence, paused

    // A meter the CLI wrote: £123.45 of credit.
    const cliFile = join(dir, 'cli.json');
    new MeterStore(cliFile).create(meterState({ meterBalance: 12_345_000 }));
    await page.getByTestId('import-file').setInputFiles(cliFile);
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('Imported cli.json.');
    expect(await creditPence()).toBe(12_345);
    await expect.poll(() => page.getByText('This meter does not use the demo keys').count()).toBe(1);

    // A corrupt file changes nothing.
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, readFileSync(exported, 'utf8').replace('"seq":', '"seq":1'));
    await page.getByTestId('import-file').setInputFiles(bad);
    await expect.poll(() => page.getByTestId('notice').textContent()).toMatch(/^Not imported: bad\.json: the checkpoint checksum does not match/);
    expect(await creditPence()).toBe(12_345);

    await page.getByTestId('import-file').setInputFiles(exported);
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('Imported exported.json.');
    expect(await creditPence()).toBe(before);
    expect(startMeter(fromCli).getSnapshot().context.meter.keys.deviceId).toBe('DE00000000000001');
  });

  it('reads on a projector: text at 7:1 contrast or more, and a 3 px focus ring', async () => {
    await vend('Top-up £10', 'token'); // so the issued list and its notes are on the page too
    const worst = await page.evaluate(() => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
      };
      const background = (el: Element | null): number[] => {
        for (; el; el = el.parentElement) {
          const c = rgb(getComputedStyle(el).backgroundColor);
          if (c.length === 3 || c[3] !== 0) return c.slice(0, 3);
        }
        return [255, 255, 255];
      };
      const ratios = [...document.querySelectorAll('body *')]
        .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''))
        .filter((el) => !(el as HTMLButtonElement).disabled && el.closest('.sr-only') === null)
        .map((el) => {
          const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
          return { ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), text: el.textContent!.trim().slice(0, 30) };
        });
      return ratios.sort((x, y) => x.ratio - y.ratio)[0]!;
    });
    expect(worst.ratio, worst.text).toBeGreaterThanOrEqual(7); // WCAG AAA for normal text
    await page.getByRole('button', { name: 'Export meter' }).focus();
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineWidth);
    expect(outline).toBe('3px');
  });

  it('is usable at phone width and every control has a name', async () => {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 720 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    }
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, select, textarea')]
        .filter((el) => {
          const e = el as HTMLInputElement;
          return !(e.labels?.length || e.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent?.trim()));
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
  });
});
