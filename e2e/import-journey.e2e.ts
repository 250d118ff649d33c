import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../server/core/exceljs.ts';
import { DEMO_PASSWORD, launchChromium, type RunningPlatform, shotPath, startPlatform } from './harness.ts';

/**
 * The import journey: a principal uploads a staff workbook with a bad ID number → sees the error in
 * the batch and no commit button → uploads the fixed workbook → commits → finds the new teacher
 * through the header's search → the people screen shows them.
 */
let platform: RunningPlatform;
let browser: Browser;
let page: Page;
let schoolCode: string;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-import-e2e-'));

/** An 18-character resident ID with its GB 11643 check character (ISO 7064 MOD 11-2). */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

const teacherId = idNumber('11010119750612987');
const secondId = idNumber('11010119760923986');
// The right ID with its last character changed: the check digit no longer matches.
const badId = secondId.slice(0, 17) + (secondId.endsWith('0') ? '1' : '0');

async function staffWorkbook(name: string, rows: (string | null)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('教职工');
  sheet.addRow(['姓名', '性别', '身份证号', '单位代码', '手机号', '岗位', '学科']);
  for (const row of rows) sheet.addRow(row);
  const file = path.join(workDir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

/** New import → 教职工 → (the principal's school is the default unit) → file → upload. */
async function uploadStaff(file: string, shot?: string) {
  await page.getByTestId('import-new').click();
  await page.getByTestId('import-kind').click();
  await page.locator('.ant-select-item-option', { hasText: '教职工' }).click();
  await page.getByTestId('import-file').setInputFiles(file);
  await page.locator('.ant-upload-list').getByText(path.basename(file)).waitFor();
  await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
  if (shot) await page.screenshot({ path: shotPath(shot) });
  await page.getByTestId('import-submit').click();
}

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
  fs.rmSync(workDir, { recursive: true, force: true });
  const code = await platform?.stop();
  expect(code).toBe(0);
});

describe('import journey', () => {
  it('logs in as a principal and finds the school code', async () => {
    expect(teacherId).toMatch(/^\d{17}[\dX]$/);
    await page.goto(`${platform.baseUrl}/login`);
    await page.getByTestId('login-username').fill('principal01');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('menu-imports').waitFor();
    const me = (await (await page.request.get(`${platform.baseUrl}/api/auth/me`)).json()) as {
      orgId: number;
    };
    const unit = (await (await page.request.get(`${platform.baseUrl}/api/org/units/${me.orgId}`)).json()) as {
      code: string;
    };
    schoolCode = unit.code;
    expect(schoolCode).toBeTruthy();
  });

  it('uploads a workbook with a bad ID number and sees the error, with no commit', async () => {
    await page.getByTestId('menu-imports').click();
    await page.getByTestId('imports-table').waitFor();
    await page.screenshot({ path: shotPath('imports-01-center') });
    const file = await staffWorkbook('staff-bad.xlsx', [
      ['欧阳测试', '男', teacherId, schoolCode, '13800001234', '教师', '数学'],
      ['欧阳校验', '女', badId, schoolCode, '13800005678', '教师', '语文'],
    ]);
    await uploadStaff(file, 'imports-02-new');

    const drawer = page.getByTestId('batch-drawer');
    await drawer.getByTestId('batch-status').getByText('已校验').waitFor({ timeout: 60_000 });
    await expect.poll(() => drawer.getByTestId('batch-error-count').textContent()).toBe('1');
    const errors = drawer.getByTestId('batch-errors');
    await errors.getByText('身份证号码不合法').waitFor();
    expect(await errors.locator('.ant-table-row').count()).toBe(1);
    expect(await drawer.getByTestId('batch-commit').count()).toBe(0);
    await page.screenshot({ path: shotPath('imports-03-errors') });
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
  });

  it('uploads the fixed workbook and commits it', async () => {
    const file = await staffWorkbook('staff-fixed.xlsx', [
      ['欧阳测试', '男', teacherId, schoolCode, '13800001234', '教师', '数学'],
      ['欧阳校验', '女', secondId, schoolCode, '13800005678', '教师', '语文'],
    ]);
    await uploadStaff(file);
    const drawer = page.getByTestId('batch-drawer');
    const commit = drawer.getByTestId('batch-commit');
    await commit.waitFor({ timeout: 60_000 });
    expect(await drawer.getByTestId('batch-error-count').textContent()).toBe('0');
    await page.screenshot({ path: shotPath('imports-04-validated') });
    await commit.click();
    await drawer.getByTestId('batch-status').getByText('已导入').waitFor({ timeout: 60_000 });
    await drawer.getByTestId('batch-rollback').waitFor();
    await page.screenshot({ path: shotPath('imports-05-committed') });
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    const table = page.getByTestId('imports-table');
    await table.getByText('已导入').first().waitFor();
    await page.screenshot({ path: shotPath('imports-06-list') });
  });

  it('finds the new teacher through the global search and opens them', async () => {
    await page.keyboard.press('Control+k');
    await page.getByTestId('global-search-input').fill('欧阳测试');
    const result = page.getByTestId('global-search-result').filter({ hasText: '欧阳测试' }).first();
    await result.waitFor();
    await page.screenshot({ path: shotPath('imports-07-search') });
    await result.click();
    await page.waitForURL(/\/people\?id=\d+/);
    const drawer = page.getByTestId('person-drawer');
    await drawer.getByText('欧阳测试').first().waitFor();
    await drawer.getByText('数学').waitFor();
    await page.screenshot({ path: shotPath('imports-08-person') });
  });
});
