// The checking page of `fzlint serve` in headless Chromium: paste a report, see the
// findings marked in place (focusable, described, explained on demand), the contents
// checklist and the outline, with no script errors and no request leaving the machine.
// Then, with FILES (a folder holding gbk.txt, word.docx, page.html, report.md and
// scan.txt, a binary file), each kind of file is chosen or dropped and checked, the
// checklist's links jump to their lines, the keyboard alone runs a check, and a bad
// file gets its error. With SHOTS, screenshots of the main states are written there.
// Usage: node serve.mjs URL REPORT.txt [FILES] [SHOTS]
// Exits 1 with the failed check named when something is wrong.
import { checker, launch } from './launch.mjs';
import { readFileSync } from 'node:fs';

const [url, report, files, shots] = process.argv.slice(2);
if (!url || !report) {
  console.error('usage: node serve.mjs URL REPORT.txt [FILES] [SHOTS]');
  process.exit(2);
}

const browser = await launch();
const tally = checker();
const check = tally.check;

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

    // The places a finding's labels point at are marked too (the heading before a
    // skipped number), and link to the finding.
    check(await page.locator('#lines .lbl a').count() >= 1, `${width}px: label places are marked`);
    // The list of findings is beside or above the report text, not after it.
    const list = await page.locator('#findings').boundingBox();
    const doc = await page.locator('#lines').boundingBox();
    check(list.y < doc.y + Math.min(doc.height, 400), `${width}px: the findings list comes before the end of the text`);
    check(width !== 375 || list.y < doc.y, `${width}px: on a phone the list comes before the text`);

    // A part missing from the whole report: shown in the checklist with its finding,
    // not as marks on the title line.
    await page.fill('#text', '青石镇2024年度法治政府建设工作报告\n一、2024年主要举措和成效\n全年审查重大行政决策5件，镇党委书记专题研究法治建设工作3次。\n二、存在的问题及原因\n执法力量薄弱。究其原因，主要是编制紧张。\n');
    await page.click('#go');
    await page.waitForFunction(() => document.querySelector('#status').textContent.includes('完成'));
    check(await page.locator('#L1 mark').count() === 0, `${width}px: no mark on the title for a missing part`);
    const missing = await page.locator('#parts li.missing').allTextContents();
    check(missing.some((m) => m.includes('工作安排') && m.includes('缺少下一年度')), `${width}px: the checklist says what is missing ${JSON.stringify(missing)}`);
    await page.fill('#text', readFileSync(report, 'utf8'));
    await page.click('#go');
    await page.waitForFunction(() => document.querySelector('#summary').textContent.includes('错误'));

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    check(!overflow, `${width}px: nothing wider than the window`);
    // Text is escaped: a pasted tag stays text.
    await page.fill('#text', '<img src=x id=planted>2024年度法治政府建设工作报告');
    await page.click('#go');
    await page.waitForFunction(() => document.querySelector('#status').textContent.includes('完成'));
    check(await page.locator('#planted').count() === 0, `${width}px: pasted markup is shown as text`);
    check(errors.length === 0, `${width}px: no script or CSP errors ${JSON.stringify(errors)}`);
    check(outside.length === 0, `${width}px: nothing fetched from elsewhere ${JSON.stringify(outside)}`);
    if (shots) {
      await page.fill('#text', readFileSync(report, 'utf8'));
      await page.click('#go');
      await page.waitForFunction(() => document.querySelector('#summary').textContent.includes('错误'));
      await page.screenshot({ path: `${shots}/serve-${width === 1280 ? 'result' : 'phone'}.png`, fullPage: width !== 1280 });
    }
    await context.close();
  }

  if (files) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    const done = () => page.waitForFunction(() => /完成|未能/.test(document.querySelector('#status').textContent));
    const run = async (name) => {
      await page.evaluate(() => { document.querySelector('#status').textContent = ''; });
      await page.setInputFiles('#file', `${files}/${name}`);
      await page.click('#go');
      await done();
      return (await page.locator('#status').textContent()).trim();
    };
    for (const [name, marked] of [['gbk.txt', 5], ['word.docx', 5], ['page.html', 5], ['report.md', 5]]) {
      const st = await run(name);
      check(st.includes('完成'), `${name}: checked (${st})`);
      const n = await page.locator('#lines mark').count();
      check(n === marked, `${name}: ${marked} findings marked in place (${n})`);
      const parts = await page.locator('#parts li').count();
      check(parts === 5, `${name}: the checklist is shown`);
    }
    // A Word file is shown by paragraph.
    await run('word.docx');
    check((await page.locator('#findings').textContent()).includes('段'), 'word.docx: places are paragraphs (第N段)');
    if (shots) await page.screenshot({ path: `${shots}/serve-word.png` });

    // The checklist's link jumps to its line, which takes the focus.
    const link = page.locator('#parts a').first();
    const target = (await link.getAttribute('href')).slice(1);
    await link.click();
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    check(focused === target, `a checklist link jumps to its line (#${target}, focus on #${focused})`);

    // Dropping a file on the drop zone chooses it.
    const bytes = [...readFileSync(`${files}/gbk.txt`)];
    const dt = await page.evaluateHandle((b) => {
      const d = new DataTransfer();
      d.items.add(new File([new Uint8Array(b)], 'dropped.txt', { type: 'text/plain' }));
      return d;
    }, bytes);
    await page.dispatchEvent('#drop', 'drop', { dataTransfer: dt });
    check((await page.locator('#status').textContent()).includes('dropped.txt'), 'a dropped file is chosen');
    await page.click('#go');
    await done();
    check((await page.locator('#lines mark').count()) === 5, 'the dropped file is checked');

    // The keyboard alone: focus the text box, type, Tab to 检查, Enter.
    await page.setInputFiles('#file', []);
    await page.focus('#text');
    await page.fill('#text', '');
    await page.keyboard.type('青石镇2024年度法治政府建设工作报告');
    let tabs = 0;
    while (tabs < 10 && (await page.evaluate(() => document.activeElement.id)) !== 'go') {
      await page.keyboard.press('Tab');
      tabs += 1;
    }
    check((await page.evaluate(() => document.activeElement.id)) === 'go', `Tab reaches 检查 (${tabs} presses)`);
    await page.keyboard.press('Enter');
    await done();
    check((await page.locator('#parts').textContent()).includes('缺'), 'a check run from the keyboard shows missing contents');

    // A file that is no report gets the error sentence, and the page goes on working.
    const st = await run('scan.txt');
    check(st.includes('未能检查') && st.includes('二进制'), `a binary file gets its error (${st})`);
    check(await page.locator('#result').isHidden(), 'no earlier result stands under the error');
    if (shots) await page.screenshot({ path: `${shots}/serve-error.png` });
    const again = await run('gbk.txt');
    check(again.includes('完成'), 'after the error the next file is checked');
    check(errors.length === 0, `files: no script errors ${JSON.stringify(errors)}`);
    await context.close();
  }
} finally {
  await browser.close();
}
process.exit(tally.failed ? 1 : 0);
