// The overview page of `fzlint report` in headless Chromium: the filters, sorting by
// mouse and by keyboard, the links to each report's findings, the roster, the copied
// pairs with their shared passages side by side, the matrix at 1280 px, and printing
// on A4.
// Usage: node overview.mjs PAGE.html [SCREENSHOT.png] (also writes SCREENSHOT-copies.png)
// Exits 1 with the failed check named when something is wrong.
import { checker, launch } from './launch.mjs';
import { pathToFileURL } from 'node:url';

const [page_path, screenshot] = process.argv.slice(2);
if (!page_path) {
  console.error('usage: node overview.mjs PAGE.html [SCREENSHOT.png]');
  process.exit(2);
}

const browser = await launch();
const tally = checker();
const check = tally.check;

try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Nothing may be fetched from outside the page.
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  await page.goto(pathToFileURL(page_path).href);

  const rows = page.locator('table.matrix tbody tr');
  const total = await rows.count();
  check(total >= 20, `the matrix has a row per report (${total})`);
  check(await page.locator('#controls').isVisible(), 'the filters appear once the script runs');
  const shown = async () => (await page.locator('#shown').textContent()).trim();
  check((await shown()) === `显示 ${total} / ${total} 份`, `all rows are shown at first: ${await shown()}`);

  // Filters.
  await page.check('#only-late');
  const late = await page.locator('table.matrix tbody tr:not([hidden])').count();
  check(late === 1, `只看逾期 leaves the one late report (${late})`);
  check((await shown()) === `显示 1 / ${total} 份`, `the count follows: ${await shown()}`);
  await page.uncheck('#only-late');
  await page.fill('#q', 'missing-plan');
  const named = await page.locator('table.matrix tbody tr:not([hidden])').count();
  check(named === 1, `typing a file name filters to it (${named})`);
  await page.fill('#q', '');
  await page.check('#only-errors');
  const withErrors = await page.locator('table.matrix tbody tr:not([hidden])').count();
  check(withErrors > 0 && withErrors < total, `只看有错误 leaves some rows (${withErrors})`);
  await page.uncheck('#only-errors');
  const sentBack = await page.locator('table.matrix tbody tr[data-verdict="return"]').count();
  await page.selectOption('#verdict', 'return');
  const returned = await page.locator('table.matrix tbody tr:not([hidden])').count();
  check(sentBack > 0 && sentBack < total && returned === sentBack,
    `审核结论 退回修改 leaves the reports sent back (${returned} of ${sentBack})`);
  await page.selectOption('#verdict', '');
  await page.locator('table.matrix thead button', { hasText: '审核结论' }).click();
  const ranks = await page.$$eval('table.matrix tbody tr', (trs) => trs.map((tr) => Number(tr.getAttribute('data-k1'))));
  check(ranks.every((v, i) => i === 0 || ranks[i - 1] <= v) && ranks[0] < ranks[ranks.length - 1],
    `a click on 审核结论 sorts the rows by it (${ranks.join('')})`);

  // Sorting by the 错误 column, with the mouse and then with the keyboard.
  const errorsColumn = async () => page.$$eval('table.matrix tbody tr:not([hidden])', (trs) =>
    trs.map((tr) => Number(tr.cells[tr.cells.length - 2].textContent.trim())).filter((n) => !Number.isNaN(n)));
  const button = page.locator('table.matrix thead button', { hasText: '错误' });
  await button.click();
  const col = await errorsColumn();
  check(col.length === total, `the 错误 column has a number in every row (${col.length})`);
  const ascending = col.every((v, i) => i === 0 || col[i - 1] <= v);
  const descending = col.every((v, i) => i === 0 || col[i - 1] >= v);
  check(ascending || descending, 'a click on 错误 sorts the rows by it');
  const th = button.locator('xpath=..');
  const first = await th.getAttribute('aria-sort');
  check(first === 'ascending' || first === 'descending', `the sorted column says so (aria-sort=${first})`);
  await button.focus();
  await page.keyboard.press('Enter');
  const second = await th.getAttribute('aria-sort');
  const again = await errorsColumn();
  const flipped = second !== first
    && (second === 'ascending'
      ? again.every((v, i) => i === 0 || again[i - 1] <= v)
      : again.every((v, i) => i === 0 || again[i - 1] >= v));
  check(flipped, `Enter on the focused header sorts the other way (${first} → ${second})`);

  // A row's link leads to that report's findings, shown in their lines.
  const link = page.locator('table.matrix tbody tr a', { hasText: 'late-publication' });
  check((await link.count()) === 1, 'the late report has its row');
  const target = await link.getAttribute('href');
  await link.click();
  const section = page.locator(target);
  check(target.startsWith('#r') && (await section.isVisible()), `the file link jumps to ${target}`);
  const marked = await section.locator('mark').allTextContents();
  check(marked.some((m) => m.includes('2025年5月8日')), `the section marks the late date (${marked.join('|')})`);

  // The roster: who has not submitted, each unit's report one click away.
  check(await page.locator('#roster').isVisible(), 'the roster section is shown');
  const missingUnits = await page.locator('#roster .missing-units li').allTextContents();
  check(missingUnits.length === 1 && missingUnits[0].startsWith('无名镇人民政府'),
    `the unit that has not submitted is listed (${missingUnits.join('|')})`);
  const unitLink = page.locator('table.roster tbody tr', { hasText: '东湖街道办事处' }).locator('a');
  const unitTarget = await unitLink.getAttribute('href');
  await unitLink.click();
  check(await page.locator(unitTarget).locator('p.unit', { hasText: '东湖街道办事处' }).isVisible(),
    `the unit's report is one click away (${unitTarget})`);

  // Each report sent back links its notice, which opens.
  const noticeLinks = page.locator('table.matrix td.verdict a.notice');
  const sentBackRows = await page.locator('table.matrix tbody tr[data-verdict="return"]').count();
  check((await noticeLinks.count()) === sentBackRows, `every report sent back links its notice (${sentBackRows})`);
  const noticeHref = await noticeLinks.first().getAttribute('href');
  await page.goto(new URL(noticeHref, pathToFileURL(page_path)).href);
  const noticeText = await page.locator('body').textContent();
  check(noticeText.includes('的退回意见') && noticeText.includes('一、需要修改的问题'), `the notice opens (${noticeHref})`);
  await page.goto(pathToFileURL(page_path).href);

  // The copied pairs: listed, each with its shared passages folded under it; a click
  // opens them side by side.
  check(await page.locator('#copies').isVisible(), 'the copied pairs are shown');
  const pairRows = page.locator('#copies table.copies > tbody > tr:not(.shared-row)');
  const pairCount = await pairRows.count();
  check(pairCount > 0, `the batch's copied pairs are listed (${pairCount})`);
  const details = page.locator('#copies details.shared').first();
  const cells = details.locator('table.shared tbody tr').first().locator('td');
  check(!(await cells.first().isVisible()), 'the shared passages are folded at first');
  await details.locator('summary').click();
  check(await cells.first().isVisible(), 'a click on 并排查看相同的段落 opens them');
  const sides = await cells.allTextContents();
  const [left, right] = [await cells.nth(0).boundingBox(), await cells.nth(1).boundingBox()];
  check(sides.length === 2 && sides.every((t) => t.trim().length > 0)
    && left.x + left.width <= right.x + 1 && Math.abs(left.y - right.y) < 1,
    `each passage stands beside the other report's (${sides.map((t) => t.slice(0, 12)).join(' | ')})`);
  const heads = await details.locator('table.shared thead th').allTextContents();
  const pairNames = await pairRows.first().locator('a').allTextContents();
  check(heads.join('|') === pairNames.join('|'), `the two columns are the pair's reports (${heads.join(' | ')})`);
  await details.locator('summary').click();
  check(!(await cells.first().isVisible()), 'a second click folds them again');

  // At 1280 px the matrix fits: the 警告 column is in view without scrolling.
  {
    const narrow = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await narrow.newPage();
    await p.goto(pathToFileURL(page_path).href);
    const fit = await p.evaluate(() => {
      const th = [...document.querySelectorAll('table.matrix thead th')]
        .find((t) => t.textContent.trim().startsWith('警告'));
      const box = th.closest('.scroll');
      return {
        right: Math.round(th.getBoundingClientRect().right),
        box: Math.round(box.getBoundingClientRect().right),
        overflow: box.scrollWidth - box.clientWidth,
        page: document.documentElement.scrollWidth,
      };
    });
    check(fit.right <= fit.box && fit.right <= 1280 && fit.overflow <= 0 && fit.page <= 1280,
      `at 1280 px the 警告 column is not cut off (${JSON.stringify(fit)})`);
    await narrow.close();
  }

  if (screenshot) {
    await page.goto(pathToFileURL(page_path).href);
    await page.screenshot({ path: screenshot });
    console.log(`screenshot: ${screenshot}`);
    // And the first copied pair's passages, opened side by side.
    const copiesShot = screenshot.replace(/\.png$/, '-copies.png');
    const opened = page.locator('#copies details.shared').first();
    await opened.locator('summary').click();
    await opened.screenshot({ path: copiesShot });
    console.log(`screenshot: ${copiesShot}`);
  }

  // Printing: A4 pages, filters hidden.
  await page.emulateMedia({ media: 'print' });
  check(!(await page.locator('#controls').isVisible()), 'the filters are not printed');
  check(await cells.first().isVisible(), 'the shared passages are printed, folded or not');
  await page.emulateMedia({ media: 'screen' });
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const text = pdf.toString('latin1');
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
  const a4 = (w, h) => (Math.abs(w - 595.92) < 2 && Math.abs(h - 842.88) < 2) || (Math.abs(w - 842.88) < 2 && Math.abs(h - 595.92) < 2);
  check(boxes.length > 0 && boxes.every(([w, h]) => a4(w, h)), `every printed page is A4 (${boxes.length} pages)`);

  check(errors.length === 0, `no script errors ${errors.join('; ')}`);
  check(requests.length === 0, `nothing is fetched from outside the page ${requests.join(' ')}`);
} finally {
  await browser.close();
}
if (tally.failed > 0) {
  console.log(`${tally.failed} check(s) failed`);
  process.exit(1);
}
