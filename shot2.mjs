import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
const page = await context.newPage();
await page.goto('http://localhost:3456/logga-in');
await page.waitForTimeout(1500);
await page.screenshot({ path: '/tmp/login.png' });
console.log(await page.content().then(c => c.slice(0, 3000)));
await browser.close();
