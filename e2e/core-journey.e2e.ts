import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../server/core/exceljs.ts';
import { ADMIN_PASSWORD, launchChromium, type RunningPlatform, shotPath, startPlatform } from './harness.ts';

/**
 * The core journey of issue 2: log in → browse the org tree → export the people list to Excel →
 * see that export in the audit log.
 */
let platform: RunningPlatform;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchChromium();
  const context = await browser.newContext({
    acceptDownloads: true,
    locale: 'zh-CN',
    viewport: { width: 1400, height: 900 },
  });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  const code = await platform?.stop();
  expect(code).toBe(0);
});

describe('core journey', () => {
  it('logs in as the administrator', async () => {
    await page.goto(`${platform.baseUrl}/login`);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('menu-org').waitFor();
    await page.screenshot({ path: shotPath('01-home') });
  });

  it('browses the org tree down to a school', async () => {
    await page.getByTestId('menu-org').click();
    const tree = page.getByTestId('org-tree');
    await tree.getByText('北京市海淀区教育委员会').waitFor();
    // The root opens on its own or with a click on its switcher; zones are then visible.
    const zone = tree.getByText(/学区$/).first();
    if (!(await zone.isVisible().catch(() => false)))
      await tree.locator('.ant-tree-switcher').first().click();
    await zone.waitFor();
    const zoneName = (await zone.textContent())!.trim();
    await zone.click();
    await page.getByTestId('org-unit-detail').getByText(zoneName).first().waitFor();
    const units = page.getByTestId('org-unit-table');
    await units.locator('.ant-table-row').first().waitFor();
    expect(await units.locator('.ant-table-row').count()).toBeGreaterThan(0);
    await page.screenshot({ path: shotPath('02-org-tree') });
  });

  it('exports the people list to Excel, masked', async () => {
    await page.getByTestId('menu-people').click();
    const table = page.getByTestId('people-table');
    await table.locator('.ant-table-row').first().waitFor();
    expect(await table.textContent()).toMatch(/\d{6}\*{8}[\dX]{4}/);
    await page.screenshot({ path: shotPath('03-people') });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-people').click(),
    ]);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getRow(1).getCell(1).value)).toContain('姓名');
    expect(sheet.rowCount).toBeGreaterThan(1);
    const idCells = sheet.getColumn(5).values.slice(2).map(String);
    expect(idCells.every((v) => v === 'null' || v === 'undefined' || /\*{4}/.test(v))).toBe(true);
  });

  it('finds that export in the audit log', async () => {
    await page.getByTestId('menu-audit').click();
    const table = page.getByTestId('audit-table');
    await table.getByText('people.export').first().waitFor();
    await page.screenshot({ path: shotPath('04-audit') });
  });
});
