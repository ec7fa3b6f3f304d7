// The checking page of `fzlint serve` in headless Chromium: paste a report, see the
// findings marked in place (focusable, described, explained on demand), the contents
// checklist and the outline, with no script errors and no request leaving the machine.
// Usage: node serve.mjs URL REPORT.txt [SCREENSHOT.png]
// Exits 1 with the failed check named when something is wrong.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const [url, report, screenshot] = process.argv.slice(2);
if (!url || !report) {
  console.error('usage: node serve.mjs URL REPORT.txt [SCREENSHOT.png]');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok' : 'FAILED'}: ${what}`);
  if (!ok) failed += 1;
}

try {
  const origin = new URL(url).origin;
  for (const width of [1280, 375]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    const outside = [];
    page.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('blob:')) outside.push(r.url()); });
    await page.goto(url);
    await page.fill('#text', readFileSync(report, 'utf8'));
    await page.click('#go');
    await page.waitForSelector('#result:not([hidden])', { timeout: 20000 });

    const marks = page.locator('#lines mark');
    const n = await marks.count();
    check(n === 5, `${width}px: five findings marked in place (${n})`);
    check(await page.locator('#lines mark.m-e').count() === 3, `${width}px: three marked as errors`);
    const first = marks.first();
    check((await first.getAttribute('tabindex')) === '0', `${width}px: marks are focusable`);
    const tip = await first.getAttribute('aria-describedby');
    check(!!tip && await page.locator(`#${tip}`).count() === 1, `${width}px: marks are described`);
    check((await first.locator('.sym').textContent()).length > 0, `${width}px: a symbol, not colour alone`);
    await first.focus();
    check(await page.locator(`#${tip}`).isVisible(), `${width}px: focus shows the message`);
    await page.keyboard.press('Escape');
    check(!(await page.locator(`#${tip}`).isVisible()), `${width}px: Escape hides it`);
    await page.keyboard.press('Tab');
    await first.blur();
    await marks.nth(1).hover();
    const tip2 = await marks.nth(1).getAttribute('aria-describedby');
    check(await page.locator(`#${tip2}`).isVisible(), `${width}px: hover shows the message`);

    const parts = await page.locator('#parts li').allTextContents();
    check(parts.length === 5, `${width}px: the checklist has the five contents`);
    check(parts.some((p) => p.includes('主要举措和成效') && p.includes('有')), `${width}px: measures found`);
    check(await page.locator('#outline li').count() >= 3, `${width}px: the outline lists headings`);
    check((await page.locator('#summary').textContent()).includes('3 个错误'), `${width}px: the summary counts`);
    check((await page.locator('#facts').textContent()).includes('2024'), `${width}px: the reported year is shown`);

    await page.locator('#findings .rule-link').first().click();
    await page.waitForSelector('#explain-body h3', { timeout: 10000 });
    check((await page.locator('#explain-body').textContent()).includes('说明'), `${width}px: the rule is explained`);

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    check(!overflow, `${width}px: nothing wider than the window`);
    // Text is escaped: a pasted tag stays text.
    await page.fill('#text', '<img src=x id=planted>2024年度法治政府建设工作报告');
    await page.click('#go');
    await page.waitForFunction(() => document.querySelector('#status').textContent.includes('完成'));
    check(await page.locator('#planted').count() === 0, `${width}px: pasted markup is shown as text`);
    check(errors.length === 0, `${width}px: no script or CSP errors ${JSON.stringify(errors)}`);
    check(outside.length === 0, `${width}px: nothing fetched from elsewhere ${JSON.stringify(outside)}`);
    if (screenshot && width === 1280) {
      await page.fill('#text', readFileSync(report, 'utf8'));
      await page.click('#go');
      await page.waitForFunction(() => document.querySelector('#summary').textContent.includes('错误'));
      await page.screenshot({ path: screenshot, fullPage: true });
    }
    await context.close();
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
