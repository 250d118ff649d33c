import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../server/core/exceljs.ts';
import { DEMO_PASSWORD, launchChromium, type RunningPlatform, shotPath, startPlatform } from './harness.ts';

/**
 * The exam journey of issue 6: the district officer creates an exam → adds a site → imports the
 * candidates and the invigilators from workbooks → arranges → reviews (no same-school neighbours, no
 * invigilator conflicts) → locks the plan → prints a room's seating chart and the admission tickets.
 */
let platform: RunningPlatform;
let browser: Browser;
let page: Page;
let examId: number;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-exams-e2e-'));
const examCode = `ZK${Date.now().toString().slice(-6)}`;
const examName = '2026年海淀区中考（演练）';
const siteCode = '01';

interface School {
  id: number;
  code: string;
  name: string;
}
let schools: School[] = [];

async function getJson<T>(url: string): Promise<T> {
  const response = await page.request.get(`${platform.baseUrl}${url}`);
  expect(response.ok(), `${url} → ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

/** A workbook with the import kind's own headers (from /api/imports/kinds), rows given by column key. */
async function workbook(kind: string, name: string, rows: Record<string, string>[]): Promise<string> {
  const kinds =
    await getJson<{ kind: string; columns: { key: string; header: string }[] }[]>('/api/imports/kinds');
  const columns = kinds.find((k) => k.kind === kind)!.columns;
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(kind);
  sheet.addRow(columns.map((c) => c.header));
  for (const row of rows) sheet.addRow(columns.map((c) => row[c.key] ?? null));
  const file = path.join(workDir, name);
  await book.xlsx.writeFile(file);
  return file;
}

/** The tab's import button → (kind, unit and exam fixed) file → upload → batch drawer → commit. */
async function importInto(buttonTestId: string, file: string, shot: string) {
  await page.getByTestId(buttonTestId).click();
  await page.getByTestId('import-file').setInputFiles(file);
  await page.locator('.ant-upload-list').getByText(path.basename(file)).waitFor();
  await page.getByTestId('import-submit').click();
  const drawer = page.getByTestId('batch-drawer');
  const commit = drawer.getByTestId('batch-commit');
  await commit.waitFor({ timeout: 60_000 });
  expect(await drawer.getByTestId('batch-error-count').textContent()).toBe('0');
  await page.screenshot({ path: shotPath(shot) });
  await commit.click();
  await drawer.getByTestId('batch-status').getByText('已导入').waitFor({ timeout: 60_000 });
  await drawer.locator('.ant-drawer-close').click();
  await drawer.waitFor({ state: 'hidden' });
}

/** Prints the page as Chromium would on paper (the print CSS, A4) and counts the PDF's pages. */
async function pdfPages(): Promise<number> {
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  return (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
}

/** Picks an option of an OrgUnitSelect by typing a unit's name (the server searches). */
async function chooseUnit(testId: string, name: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(name);
  await page.locator('.ant-select-item-option', { hasText: name }).first().click();
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

describe('exams journey', () => {
  it('logs in as the district officer and opens the exams', async () => {
    await page.goto(`${platform.baseUrl}/login`);
    await page.getByTestId('login-username').fill('officer');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('menu-exams').click();
    await page.getByTestId('exams-table').waitFor();
    const units = await getJson<{ items: School[] }>('/api/org/units?kind=school&pageSize=8&sort=code');
    schools = units.items;
    expect(schools.length).toBe(8);
  });

  it('creates an exam with the default rules', async () => {
    await page.getByTestId('exam-new').click();
    await page.getByTestId('exam-code').fill(examCode);
    await page.getByTestId('exam-name').fill(examName);
    expect(await page.getByTestId('exam-ticket-pattern').inputValue()).toBe('1108{site}{room:2}{seat:2}');
    await page.screenshot({ path: shotPath('exams-01-new') });
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.waitForURL(/\/exams\/\d+/);
    examId = Number(new URL(page.url()).pathname.split('/')[2]);
    await page.getByTestId('exam-title').getByText(examName).waitFor();
  });

  it('adds a site hosted by a school', async () => {
    await page.getByTestId('exam-tab-sites').click();
    await page.getByTestId('site-new').click();
    await page.getByTestId('site-code').fill(siteCode);
    await page.getByTestId('site-name').fill(`${schools[7]!.name}考点`);
    await chooseUnit('site-org', schools[7]!.name);
    await page.getByTestId('site-rooms').fill('10');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('sites-table').getByText(`${schools[7]!.name}考点`).waitFor();
  });

  it('imports 60 candidates of four schools and 9 invigilators of three others', async () => {
    // 15 of each school: every room of 20 holds 3–4 of a school, never side by side.
    const candidates = Array.from({ length: 60 }, (_, i) => ({
      registrationNo: `2026${String(i + 1).padStart(6, '0')}`,
      name: `考生${String(i + 1).padStart(2, '0')}`,
      gender: i % 2 ? '女' : '男',
      unitCode: schools[i % 4]!.code,
      siteCode,
      groupCode: '英语',
    }));
    await page.getByTestId('exam-tab-candidates').click();
    await importInto(
      'candidate-import',
      await workbook('examCandidates', 'candidates.xlsx', candidates),
      'exams-02-candidates',
    );
    await page.getByTestId('candidates-table').getByText('考生01').waitFor();

    const invigilators = Array.from({ length: 9 }, (_, i) => ({
      staffNo: `T${String(i + 1).padStart(4, '0')}`,
      name: `监考${String(i + 1).padStart(2, '0')}`,
      unitCode: schools[4 + (i % 3)]!.code,
      experienceYears: String(3 + i),
    }));
    await page.getByTestId('exam-tab-invigilators').click();
    await importInto(
      'invigilator-import',
      await workbook('examInvigilators', 'invigilators.xlsx', invigilators),
      'exams-03-invigilators',
    );
    await page.getByTestId('invigilators-table').getByText('监考01').waitFor();
  });

  it('arranges, reviews a sound plan and locks it', async () => {
    await page.getByTestId('exam-tab-arrangement').click();
    await page.getByTestId('plan-run').click();
    await page.getByTestId('job-progress').waitFor();
    const review = page.getByTestId('plan-review');
    await review.getByTestId('plan-sound').waitFor({ timeout: 60_000 });
    expect(
      await review.getByTestId('plan-adjacencies').locator('.ant-statistic-content-value').textContent(),
    ).toBe('0');
    expect(
      await review.getByTestId('plan-conflicts').locator('.ant-statistic-content-value').textContent(),
    ).toBe('0');
    await page.screenshot({ path: shotPath('exams-04-review'), fullPage: true });

    await review.getByTestId('plan-lock').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '封存第 1 版编排' });
    await dialog.getByText('永不再改动', { exact: false }).waitFor();
    await page.waitForTimeout(400); // the dialog's opening animation, for a readable screenshot
    await page.screenshot({ path: shotPath('exams-05-lock') });
    await dialog.locator('.ant-modal-footer .ant-btn-dangerous').click();
    await review.getByTestId('plan-status').getByText('已封存').waitFor();
    await review.getByTestId('plan-publish').waitFor();
  });

  it('prints a seating chart and the admission tickets', async () => {
    await page.getByTestId('exam-tab-rooms').click();
    await page.getByTestId('rooms-table').locator('.ant-table-row').first().waitFor();
    await page.getByTestId('room-print-seating').first().click();
    await page.waitForURL(/\/print\/seating/);
    const grid = page.getByTestId('seating-grid');
    await grid.waitFor();
    expect(await grid.getAttribute('data-rows')).toBe('5');
    expect(await grid.getAttribute('data-cols')).toBe('4');
    expect(await grid.getByTestId('seat').count()).toBe(20);
    await grid
      .getByText(/考生\d\d/)
      .first()
      .waitFor();
    expect(await page.getByTestId('seating-door').count()).toBe(1);
    expect(await page.getByTestId('print-button').textContent()).toContain('打印 Print');
    await page.screenshot({ path: shotPath('exams-06-seating'), fullPage: true });
    expect(await pdfPages()).toBe(1);

    const version = new URL(page.url()).searchParams.get('version');
    await page.goto(`${platform.baseUrl}/exams/${examId}/print/tickets?version=${version}`);
    const ticket = page.getByTestId('ticket').first();
    await ticket.waitFor();
    await ticket.getByTestId('ticket-qr').locator('svg').waitFor();
    expect(await page.getByTestId('ticket').count()).toBe(60);
    expect(await ticket.textContent()).toMatch(/1108\d+/);
    await page.screenshot({ path: shotPath('exams-07-tickets') });
    // Four tickets per A4 sheet (the seating chart above proved a sheet prints as one PDF page).
    expect(await page.locator('section.sheet').count()).toBe(15);

    await page.goto(`${platform.baseUrl}/exams/${examId}/print/doors?version=${version}`);
    await page
      .getByTestId('door-list')
      .first()
      .getByText(/准考证号 1108\d+ – 1108\d+/)
      .waitFor();
    expect(await page.getByTestId('door-list').count()).toBe(3);
    await page.goto(`${platform.baseUrl}/exams/${examId}/print/invigilators?version=${version}`);
    await page
      .getByTestId('invigilator-sheet')
      .getByText(/监考\d\d/)
      .first()
      .waitFor();
    await page.screenshot({ path: shotPath('exams-08-invigilators') });
    await page.goto(`${platform.baseUrl}/exams/${examId}/print/sites?version=${version}`);
    await page.getByTestId('site-summary').getByText(`${schools[7]!.name}考点`).waitFor();
  });

  it('records an absence on the exam day and sees it in the live counts', async () => {
    await page.goto(`${platform.baseUrl}/exams/${examId}?tab=day`);
    await page.getByTestId('day-live').getByText(`${schools[7]!.name}考点`).waitFor();
    await page.getByTestId('day-record').click();
    await page.getByTestId('day-candidate').click();
    await page.keyboard.type('考生01');
    await page.locator('.ant-select-item-option', { hasText: '考生01' }).first().click();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('day-records').getByText('考生01').waitFor();
    const siteRow = page.getByTestId('day-live').locator('.ant-table-row').first();
    await expect.poll(async () => (await siteRow.locator('td').nth(3).textContent())?.trim()).toBe('1');
    await page.screenshot({ path: shotPath('exams-09-exam-day') });
  });
});
