/**
 * Message templates of in-app notifications, SMS and email, as data: `{param}` placeholders, zh-CN
 * (the default) and English. A module adds its own with `registerTemplates` at start-up.
 */
export interface MessageText {
  title: string;
  body: string;
}

export interface NotificationTemplate {
  id: string;
  zh: MessageText;
  en: MessageText;
}

export type Locale = 'zh-CN' | 'en';

const templates = new Map<string, NotificationTemplate>();

export function registerTemplates(list: NotificationTemplate[]): void {
  for (const template of list) {
    if (templates.has(template.id)) throw new Error(`notification template ${template.id} registered twice`);
    templates.set(template.id, template);
  }
}

export function findTemplate(id: string): NotificationTemplate | undefined {
  return templates.get(id);
}

registerTemplates([
  {
    id: 'account.created',
    zh: { title: '账号已开通', body: '{name}，您的平台账号 {username} 已开通，首次登录请修改密码。' },
    en: {
      title: 'Your account is ready',
      body: '{name}, your account {username} is ready: change the password when you first log in.',
    },
  },
  {
    id: 'import.finished',
    zh: { title: '导入完成：{file}', body: '共导入 {rows} 行，{errors} 行有误，请在导入记录中查看。' },
    en: {
      title: 'Import finished: {file}',
      body: '{rows} rows imported, {errors} with errors: see the import.',
    },
  },
  {
    id: 'job.failed',
    zh: { title: '任务失败：{job}', body: '任务“{job}”未能完成：{reason}' },
    en: { title: 'Job failed: {job}', body: 'The job “{job}” did not finish: {reason}' },
  },
  {
    id: 'task.assigned',
    zh: { title: '新的待办：{subject}', body: '{from} 向您派发了“{subject}”，办理期限 {deadline}。' },
    en: { title: 'New task: {subject}', body: '{from} assigned you “{subject}”, due {deadline}.' },
  },
  {
    id: 'deadline.approaching',
    zh: { title: '即将到期：{subject}', body: '“{subject}”将于 {deadline} 到期，请及时办理。' },
    en: { title: 'Due soon: {subject}', body: '“{subject}” is due on {deadline}.' },
  },
]);

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Fill a template's placeholders. A placeholder without a value, or a value the template does not
 * use, is a programming error and throws: a message never goes out with a hole or a typo in it.
 */
export function renderTemplate(
  id: string,
  params: Record<string, string | number>,
  locale: Locale = 'zh-CN',
): MessageText {
  const template = templates.get(id);
  if (!template) throw new Error(`unknown notification template ${id}`);
  const text = locale === 'en' ? template.en : template.zh;
  const used = new Set<string>();
  const fill = (s: string) =>
    s.replace(PLACEHOLDER, (_, name: string) => {
      if (!Object.hasOwn(params, name)) throw new Error(`template ${id}: no value for {${name}}`);
      used.add(name);
      return String(params[name]);
    });
  const out = { title: fill(text.title), body: fill(text.body) };
  const unknown = Object.keys(params).filter((name) => !used.has(name));
  if (unknown.length > 0) throw new Error(`template ${id}: unknown param ${unknown.join(', ')}`);
  return out;
}
