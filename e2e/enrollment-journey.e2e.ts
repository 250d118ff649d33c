import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitmentOf } from '../engines/lottery/index.ts';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  launchChromium,
  type RunningPlatform,
  shotPath,
  startPlatform,
} from './harness.ts';

/**
 * The enrollment journey of issue 4: a parent registers and applies on the public portal (a phone-
 * sized window) → the 学区 asks for an in-person review of the family's second child and the parent
 * books a slot and prints its slip
 * → the 学区 passes the agencies' parts and approves → the officer freezes the pool,
 * the parties commit and reveal, the draw runs as a job and is published → the parent sees the offer,
 * confirms it, and verifies the draw on the public page (re-run in the browser: 已验证).
 */
let platform: RunningPlatform;
let browser: Browser;
let officerContext: BrowserContext;
let officer: Page;
let parent: Page;
let yearId: number;
let drawId: number;
const childName = `周小航${Date.now().toString().slice(-3)}`;
const siblingName = `周小帆${Date.now().toString().slice(-3)}`;
const parties = { 区教委: 'a1'.repeat(16), 公证处: 'b2'.repeat(16), 家长代表: 'c3'.repeat(16) };

/** The officer's API calls (setup steps the screens do not cover), with the session's CSRF token. */
async function officerApi(method: 'get' | 'post' | 'put' | 'patch', url: string, data?: unknown) {
  const csrf = (await officerContext.cookies()).find((c) => c.name === 'edugov_csrf')?.value ?? '';
  const response = await officer.request[method](`${platform.baseUrl}${url}`, {
    headers: { 'x-csrf-token': csrf },
    ...(data === undefined ? {} : { data }),
  });
  expect(response.ok(), `${method} ${url} → ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

/** The parent's API calls (a second child's application), with the parent's CSRF token. */
async function parentApi(method: 'get' | 'post', url: string, data?: unknown) {
  const csrf = (await parent.context().cookies()).find((c) => c.name === 'edugov_csrf')?.value ?? '';
  const response = await parent.request[method](`${platform.baseUrl}${url}`, {
    headers: { 'x-csrf-token': csrf },
    ...(data === undefined ? {} : { data }),
  });
  expect(response.ok(), `${method} ${url} → ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

/**
 * The working-day calendar must cover the slots' dates. Near the end of a year they reach into the
 * next, which the bundled data may not have yet (the State Council publishes it late in the year):
 * the administrator enters it for this throwaway platform, weekends only, marked as test data.
 */
async function ensureCalendarCovers(dates: string[]) {
  const years = await officerApi('get', '/api/calendar/years');
  const missing = [...new Set(dates.map((d) => Number(d.slice(0, 4))))].filter(
    (year) => !years.items.some((y: { year: number }) => y.year === year),
  );
  if (!missing.length) return;
  const admin = await browser.newContext();
  const login = await admin.request.post(`${platform.baseUrl}/api/auth/login`, {
    data: { username: 'admin', password: ADMIN_PASSWORD },
  });
  expect(login.ok(), `admin login → ${login.status()}`).toBe(true);
  const csrf = (await admin.cookies()).find((c) => c.name === 'edugov_csrf')?.value ?? '';
  for (const year of missing) {
    const put = await admin.request.put(`${platform.baseUrl}/api/calendar/years/${year}`, {
      headers: { 'x-csrf-token': csrf },
      data: { notice: 'e2e 测试数据：仅周末 / test data, weekends only', days: [] },
    });
    expect(put.ok(), `calendar ${year} → ${put.status()} ${await put.text()}`).toBe(true);
  }
  await admin.close();
}

function idNumber(first17 = '11010820200315061'): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((n, d, i) => n + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchChromium();
  officerContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  officer = await officerContext.newPage();
  const parentContext = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    isMobile: true,
  });
  parent = await parentContext.newPage();
});

afterAll(async () => {
  await browser?.close();
  const code = await platform?.stop();
  expect(code).toBe(0);
});

describe('enrollment journey', () => {
  it('the officer opens a 2026 year with three primary schools', async () => {
    await officer.goto(`${platform.baseUrl}/login`);
    await officer.getByTestId('login-username').fill('officer');
    await officer.getByTestId('login-password').fill(DEMO_PASSWORD);
    await officer.getByTestId('login-submit').click();
    await officer.getByTestId('menu-enrollment').waitFor();
    const zones = await officerApi('get', '/api/org/units?kind=zone&pageSize=1&sort=code');
    const schools = await officerApi('get', '/api/org/units?kind=school&stage=primary&pageSize=3&sort=code');
    const me = await officerApi('get', '/api/auth/me');
    const year = await officerApi('post', '/api/enrollment/years', {
      orgId: me.grants[0].orgId,
      year: 2026,
      name: '2026年小学入学（演练）',
      config: {
        routes: [{ route: 'area', stage: 'primary', maxChoices: 3, lottery: true }],
        phases: [{ id: 'dataCollection', from: '2026-05-06', to: '2026-05-31' }],
        categories: [
          { id: 'localProperty', zh: '本区户籍房产', en: 'District hukou, property', priorityClass: 0 },
        ],
        confirmWorkingDays: 5,
        birthCutoff: '2026-08-31',
      },
    });
    yearId = year.id;
    await officerApi('post', `/api/enrollment/years/${yearId}/schools`, {
      schools: schools.items.map((s: { id: number }) => ({
        schoolId: s.id,
        stage: 'primary',
        route: 'area',
        seats: 2,
      })),
    });
    await officerApi('patch', `/api/enrollment/years/${yearId}`, { status: 'open' });
    expect(zones.items.length).toBe(1);
  });

  it('a parent registers on the public portal and applies', async () => {
    await parent.goto(`${platform.baseUrl}/apply`);
    await parent.getByRole('tab', { name: '注册' }).click();
    await parent.getByTestId('register-phone').fill('13911112222');
    await parent.getByTestId('register-name').fill('周先生');
    await parent.getByTestId('register-password').fill('Parent-Pass-2026');
    await parent.getByTestId('register-submit').click();
    await parent.getByRole('tab', { name: '填写入学申请' }).click();
    await parent.getByTestId('apply-zone').click();
    await parent.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await parent.getByTestId('apply-childName').fill(childName);
    await parent.getByTestId('apply-childIdNumber').fill(idNumber());
    await parent.getByTestId('apply-birthDate').click();
    await parent.keyboard.type('2020-03-15');
    await parent.keyboard.press('Enter');
    await parent.getByTestId('apply-address').fill('北京市海淀区中关村大街27号院3号楼501');
    await parent.getByTestId('apply-guardianName').fill('周先生');
    await parent.getByTestId('apply-guardianPhone').fill('13911112222');
    await parent.getByTestId('apply-choices').click();
    await parent.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await parent.keyboard.press('Escape');
    await parent.screenshot({ path: shotPath('enrollment-01-apply'), fullPage: true });
    await parent.getByTestId('apply-submit').click();
    await parent.getByText(/^摇号编号: E2026/).waitFor();
    await parent.getByRole('tab', { name: '我的申请' }).click();
    await parent.getByText(childName).waitFor();
    await parent.getByText('已提交，审核中').waitFor();
  });

  it('the 学区 asks for an in-person review of a second child; the parent books a slot and prints the slip', async () => {
    // The approval of a child asked to come waits until the 学区 records the visit, which is
    // only possible once the slot has started — days from now. So the review is asked of the
    // family's second child, and the first goes on to the draw.
    const found = await officerApi(
      'get',
      `/api/enrollment/applications?yearId=${yearId}&q=${encodeURIComponent(childName)}`,
    );
    const first = found.items[0];
    const seats = await officerApi('get', `/api/enrollment/years/${yearId}/schools`);
    const application = await parentApi('post', '/api/enrollment/my/applications', {
      clientKey: `e2e-sibling-${childName}`,
      yearId,
      zoneId: first.zoneId,
      stage: 'primary',
      route: 'area',
      category: 'localProperty',
      childName: siblingName,
      childIdNumber: idNumber('11010820200602082'),
      birthDate: '2020-06-02',
      hukouType: 'district',
      residenceKind: 'property',
      address: '北京市海淀区中关村大街27号院3号楼501',
      guardians: [{ name: '周先生', relation: '父亲', phone: '13911112222' }],
      choices: [seats.items[0].schoolId],
    });
    await officerApi('post', `/api/enrollment/applications/${application.id}/in-person-review`, {
      reason: '户籍信息需现场核验',
    });
    // A fortnight from three days ahead: the server skips the days the working-day calendar rests.
    const dates = Array.from({ length: 14 }, (_, i) =>
      new Date(Date.now() + (3 + i) * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10),
    );
    await ensureCalendarCovers(dates);
    const opened = await officerApi('post', '/api/enrollment/review-slots', {
      yearId,
      zoneId: application.zoneId,
      place: '学区招生办公室 101 室',
      dates,
      from: '09:00',
      to: '10:00',
      everyMinutes: 30,
      capacity: 3,
      skipNonWorkingDays: true,
    });
    const slot = opened.created[0];
    await parent.reload();
    const block = parent.getByTestId(`review-booking-${application.id}`);
    await block.getByText('需预约现场审核').waitFor();
    await block.getByText('户籍信息需现场核验').waitFor();
    await parent.getByTestId(`review-slot-${slot.id}`).click();
    await parent.getByTestId('review-booked').waitFor();
    await block.getByText('学区招生办公室 101 室').first().waitFor();
    await parent.screenshot({ path: shotPath('enrollment-02a-review-booked'), fullPage: true });
    const [slip] = await Promise.all([
      parent.context().waitForEvent('page'),
      parent.getByTestId('review-slip-link').click(),
    ]);
    await slip.getByTestId('slip-booking-no').waitFor();
    expect(await slip.getByTestId('slip-booking-no').textContent()).toMatch(/^R2026-[A-Z2-9]{8}$/);
    expect(await slip.getByTestId('slip-place').textContent()).toBe('学区招生办公室 101 室');
    expect(await slip.getByText(siblingName).count()).toBeGreaterThan(0);
    await slip.getByTestId('slip-qr').locator('svg').waitFor();
    await slip.screenshot({ path: shotPath('enrollment-02b-review-slip'), fullPage: true });
    await slip.close();
    // The 学区 sees the place taken in its tab.
    await officer.getByTestId('menu-enrollment').click();
    await officer.getByRole('tab', { name: '现场审核预约' }).click();
    await officer.getByTestId(`slot-booked-${slot.id}`).getByText('1/3').waitFor();
    await officer.screenshot({ path: shotPath('enrollment-02c-review-slots') });
    await officer.getByRole('tab', { name: '入学申请' }).click();
  });

  it('the 学区 passes the agencies and approves', async () => {
    await officer.getByTestId('menu-enrollment').click();
    await officer.getByTestId('applications-search').locator('input').fill(childName);
    await officer.getByTestId('applications-search').locator('input').press('Enter');
    await officer.getByRole('cell', { name: childName }).click();
    for (const agency of ['education', 'police', 'housing']) {
      await officer.getByTestId(`pass-${agency}`).click();
      await officer
        .locator('.ant-drawer .ant-tag', { hasText: '通过' })
        .nth(['education', 'police', 'housing'].indexOf(agency))
        .waitFor();
    }
    await officer.getByTestId('approve').click();
    await officer.locator('.ant-drawer').getByText('审核通过').waitFor();
    await officer.screenshot({ path: shotPath('enrollment-02-review') });
    await officer.locator('.ant-drawer-close').click();
  });

  it('the draw is frozen, committed, revealed, run as a job and published', async () => {
    await officer.getByRole('tab', { name: '摇号派位' }).click();
    await officer.getByTestId('draw-name').fill('2026年小学派位（演练）');
    await officer.getByTestId('create-draw').click();
    await officer.locator('.ant-card-head-title', { hasText: '2026年小学派位（演练）' }).waitFor();
    const draws = await officerApi('get', `/api/enrollment/draws?yearId=${yearId}`);
    drawId = draws.items.at(-1).id;
    await officer.getByTestId(`freeze-${drawId}`).click();
    await officer.getByTestId(`draw-status-${drawId}`).getByText('名单已冻结').waitFor();
    for (const [party, secret] of Object.entries(parties))
      await officerApi('post', `/api/enrollment/draws/${drawId}/commitments`, {
        party,
        commitment: commitmentOf(secret),
      });
    for (const [party, reveal] of Object.entries(parties))
      await officerApi('post', `/api/enrollment/draws/${drawId}/reveals`, { party, reveal });
    await officer.reload();
    await officer.getByRole('tab', { name: '摇号派位' }).click();
    await officer.getByTestId(`run-${drawId}`).click();
    await officer
      .getByTestId(`draw-status-${drawId}`)
      .getByText('已摇号，待公布')
      .waitFor({ timeout: 60_000 });
    await officer.screenshot({ path: shotPath('enrollment-03-drawn') });
    await officer.getByTestId(`publish-${drawId}`).click();
    await officer.getByTestId(`draw-status-${drawId}`).getByText('已公布').waitFor();
  });

  it('the parent sees the offer, confirms it, prints the notice and verifies the draw', async () => {
    await parent.reload();
    await parent.getByText('录取结果').waitFor();
    await parent.getByRole('button', { name: '确认录取' }).click();
    await parent.getByText(/已确认/).waitFor();
    await parent.screenshot({ path: shotPath('enrollment-04-offer'), fullPage: true });
    await parent.getByText(/核验摇号结果：/).click();
    await parent.waitForURL(/\/enrollment\/verify/);
    await parent.getByTestId('verify').click();
    const outcome = parent.getByTestId('verify-outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain('已验证');
    await parent.getByTestId('lookup').click();
    await parent.getByTestId('family').getByText('回执有效').waitFor();
    expect((await parent.getByTestId('assigned').textContent())?.length).toBeGreaterThan(0);
    await parent.screenshot({ path: shotPath('enrollment-05-verified'), fullPage: true });
  });
});
