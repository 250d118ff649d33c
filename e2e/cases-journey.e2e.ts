import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchChromium, type RunningPlatform, shotPath, startPlatform } from './harness.ts';

/**
 * The 接诉即办 journey of issue 5: a 12345 order arrives (API) → the commission dispatches it to a
 * school → the principal signs for it, contacts the citizen and replies in the browser → the centre's
 * callback is recorded → the month's ranking and the weekly report count it.
 */
let platform: RunningPlatform;
let browser: Browser;
let page: Page;

interface Session {
  cookie: string;
  csrf: string;
  orgId: number;
  orgName: string;
}

async function apiLogin(username: string): Promise<Session> {
  const res = await fetch(`${platform.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('edugov_session='))!
    .split(';')[0]!;
  const me = await (await fetch(`${platform.baseUrl}/api/auth/me`, { headers: { cookie } })).json();
  return { cookie, csrf: me.csrfToken, orgId: me.orgId, orgName: me.orgName };
}

async function api<T>(session: Session, method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${platform.baseUrl}${url}`, {
    method,
    headers: {
      cookie: session.cookie,
      ...(method === 'POST' ? { 'content-type': 'application/json', 'x-csrf-token': session.csrf } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = await res.json();
  if (res.status !== 200) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json as T;
}

const beijingToday = () => new Date(Date.now() + 8 * 3_600_000);
const month = () => beijingToday().toISOString().slice(0, 7);
const monday = () => {
  const d = beijingToday();
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
};

let officer: Session;
let school: Session;
let caseId: number;
let before: { valid: number; received: number };

type Ranking = { items: { orgId: number; valid: number }[] };

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchChromium();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  officer = await apiLogin('officer');
  school = await apiLogin('principal01');
  const ranking = await api<Ranking>(officer, 'GET', `/api/cases/rankings?month=${month()}`);
  const weekly = await api<{ received: number }>(
    officer,
    'GET',
    `/api/cases/weekly-report?weekStart=${monday()}`,
  );
  before = {
    valid: ranking.items.find((r) => r.orgId === school.orgId)?.valid ?? 0,
    received: weekly.received,
  };
});

afterAll(async () => {
  await browser?.close();
  const code = await platform?.stop();
  expect(code).toBe(0);
});

describe('cases journey', () => {
  it('an order arrives from the 12345 centre and the commission dispatches it to the school', async () => {
    const created = await api<{ id: number; state: string }>(officer, 'POST', '/api/cases/hotline', {
      externalNo: `E2E${Date.now()}`,
      categoryCode: 'TEACHING',
      title: '学校作业负担过重（端到端）',
      content: '家长来电反映孩子作业写到深夜，希望学校减轻作业负担',
      complainantName: '王建国',
      complainantPhone: '13812345678',
      subjectOrgId: school.orgId,
    });
    caseId = created.id;
    expect(created.state).toBe('dispatched');
    await api(officer, 'POST', `/api/cases/${caseId}/transitions`, { action: 'sign_for' });
    const dispatched = await api<{ orgId: number }>(officer, 'POST', `/api/cases/${caseId}/transitions`, {
      action: 'dispatch',
      orgId: school.orgId,
    });
    expect(dispatched.orgId).toBe(school.orgId);
  });

  it('the principal signs for it, contacts the citizen and replies in the browser', async () => {
    await page.goto(`${platform.baseUrl}/login`);
    await page.getByTestId('login-username').fill('principal01');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('menu-cases').waitFor();
    await page.goto(`${platform.baseUrl}/cases?id=${caseId}`);
    const drawer = page.getByTestId('case-drawer');
    await drawer.getByTestId('case-state').waitFor();
    // The school never sees the complainant's number in plain text.
    expect(await page.content()).not.toContain('13812345678');
    await page.screenshot({ path: shotPath('cases-01-drawer') });
    const confirm = async (action: string, fill?: { field: string; value: string }) => {
      await drawer.getByTestId(`case-action-${action}`).click();
      const modal = page.locator('.ant-modal').last();
      if (fill) await modal.getByTestId(`case-field-${fill.field}`).fill(fill.value);
      await modal.locator('.ant-modal-footer .ant-btn-primary').click();
      await modal.waitFor({ state: 'hidden' });
    };
    await confirm('sign_for');
    await drawer.getByText('已签收').waitFor();
    await confirm('contact');
    await confirm('start');
    await confirm('reply', { field: 'reply', value: '学校已调整作业量，并已电话向家长说明' });
    await drawer.getByTestId('case-state').getByText('已答复').waitFor();
    await page.screenshot({ path: shotPath('cases-02-replied') });
  });

  it('the callback is recorded; the ranking and the weekly report count the case', async () => {
    const called = await api<{ state: string; onTime: boolean }>(
      officer,
      'POST',
      `/api/cases/${caseId}/transitions`,
      {
        action: 'record_callback',
        solved: true,
        satisfaction: 'satisfied',
      },
    );
    expect(called).toMatchObject({ state: 'callback', onTime: true });
    const ranking = await api<Ranking>(officer, 'GET', `/api/cases/rankings?month=${month()}`);
    expect(ranking.items.find((r) => r.orgId === school.orgId)!.valid).toBe(before.valid + 1);
    const weekly = await api<{ received: number }>(
      officer,
      'GET',
      `/api/cases/weekly-report?weekStart=${monday()}`,
    );
    expect(weekly.received).toBe(before.received + 1);

    await page.locator('.ant-drawer-close').click();
    await page.getByTestId('case-drawer').waitFor({ state: 'hidden' });
    await page.getByTestId('cases-tab-ranking').click();
    await page.getByTestId('ranking-table').getByText(school.orgName).first().waitFor();
    await page.screenshot({ path: shotPath('cases-03-ranking') });
    await page.getByTestId('cases-tab-weekly').click();
    await page.getByTestId('weekly-figures').waitFor();
    await page.screenshot({ path: shotPath('cases-04-weekly') });
  });
});
