// What the browser checks share: Debian's Chromium started headless with the flags this
// machine's closed network needs, and a tally of named checks.
import { chromium } from 'playwright-core';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/// Prints each check as ok or FAILED and counts the failures.
export function checker() {
  const tally = { failed: 0 };
  tally.check = (ok, what) => {
    console.log(`${ok ? 'ok' : 'FAILED'}: ${what}`);
    if (!ok) tally.failed += 1;
  };
  return tally;
}
