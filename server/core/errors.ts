/**
 * Coded errors. An operation throws `new DomainError('org.unit_not_found')`; the HTTP layer maps the
 * code through `errorCatalog` to a status and a zh-CN/en message. Bad input never yields a 500.
 */
export interface ErrorEntry {
  status: number;
  zh: string;
  en: string;
}

const catalog: Record<string, ErrorEntry> = {
  'auth.unauthenticated': { status: 401, zh: '请先登录', en: 'Please log in' },
  'auth.invalid_credentials': { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  'auth.locked': {
    status: 423,
    zh: '登录失败次数过多，账号已临时锁定，请稍后再试',
    en: 'Too many failed logins: the account is locked for a while',
  },
  'auth.disabled': { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  'auth.csrf': {
    status: 403,
    zh: '请求缺少有效的安全令牌，请刷新页面后重试',
    en: 'Missing or invalid CSRF token: reload the page',
  },
  'auth.rate_limited': {
    status: 429,
    zh: '请求过于频繁，请稍后再试',
    en: 'Too many requests: try again later',
  },
  'auth.forbidden': { status: 403, zh: '没有执行此操作的权限', en: 'You may not do this' },
  'auth.password_policy': {
    status: 400,
    zh: '密码至少10位，须包含大写字母、小写字母、数字、符号中的三类，且不能包含用户名',
    en: 'A password needs at least 10 characters from three of: upper case, lower case, digits, symbols, and must not contain the username',
  },
  'auth.wrong_current_password': { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  'request.invalid': { status: 400, zh: '请求参数不正确', en: 'The request is not valid' },
  'request.malformed_json': {
    status: 400,
    zh: '请求体不是合法的 JSON',
    en: 'The request body is not valid JSON',
  },
  'request.too_large': { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  'request.unsupported_media_type': {
    status: 415,
    zh: '不支持的请求内容类型',
    en: 'Unsupported content type',
  },
  'request.not_found': { status: 404, zh: '请求的资源不存在', en: 'Not found' },
  'org.unit_not_found': {
    status: 404,
    zh: '组织机构不存在或不在您的权限范围内',
    en: 'No such org unit in your scope',
  },
  'org.code_taken': { status: 409, zh: '机构代码已被使用', en: 'This unit code is already used' },
  'org.parent_invalid': {
    status: 400,
    zh: '上级机构不合适（类型不匹配或会形成环）',
    en: 'This parent is not allowed for the unit (wrong kind or a cycle)',
  },
  'org.move_date_invalid': {
    status: 400,
    zh: '调整生效日期必须晚于当前隶属关系的开始日期',
    en: 'The move must take effect after the current placement began',
  },
  'people.person_not_found': {
    status: 404,
    zh: '人员不存在或不在您的权限范围内',
    en: 'No such person in your scope',
  },
  'people.id_number_invalid': { status: 400, zh: '身份证号码不合法', en: 'The ID number is not valid' },
  'people.id_number_taken': {
    status: 409,
    zh: '该身份证号码已登记',
    en: 'This ID number is already registered',
  },
  'accounts.account_not_found': {
    status: 404,
    zh: '账号不存在或不在您的权限范围内',
    en: 'No such account in your scope',
  },
  'accounts.username_taken': { status: 409, zh: '用户名已被使用', en: 'This username is taken' },
  'accounts.grant_not_found': { status: 404, zh: '授权不存在', en: 'No such grant' },
  'accounts.grant_escalation': {
    status: 403,
    zh: '不能授予超出自身权限的角色或范围',
    en: 'You cannot grant a role or scope beyond your own',
  },
  'accounts.beyond_scope': {
    status: 403,
    zh: '该账号拥有超出您授权范围的权限，您不能管理它',
    en: 'This account holds grants beyond what you may give: you cannot manage it',
  },
  'accounts.last_admin': {
    status: 409,
    zh: '不能停用或撤销最后一个系统管理员',
    en: 'The last system administrator cannot be removed',
  },
  'audit.chain_broken': { status: 500, zh: '审计链校验失败', en: 'The audit chain is broken' },
  'export.too_many_rows': {
    status: 400,
    zh: '导出行数超过上限，请缩小筛选范围',
    en: 'Too many rows to export: narrow the filter',
  },
  'system.starting': {
    status: 503,
    zh: '平台正在启动（首次启动正在生成示范区数据），请稍候',
    en: 'The platform is starting (generating the demo district on first start): please wait',
  },
  'internal.error': { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
};

export type ErrorCode = keyof typeof catalog;

/** A business rule said no. `field` names the input field at fault, when there is one. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly details: { field?: string; [key: string]: unknown } = {},
  ) {
    super(code);
    this.name = 'DomainError';
    if (!catalog[code]) throw new Error(`DomainError code "${code}" is not in the error catalog`);
  }
}

export function describeError(code: string): ErrorEntry {
  return catalog[code] ?? catalog['internal.error']!;
}

/** Modules add their codes at registration, so the catalog stays one table. */
export function registerErrors(entries: Record<string, ErrorEntry>): void {
  for (const [code, entry] of Object.entries(entries)) {
    if (catalog[code]) throw new Error(`error code ${code} registered twice`);
    catalog[code] = entry;
  }
}

export function errorCodes(): string[] {
  return Object.keys(catalog);
}
