import { registerErrors } from '../../core/errors.ts';

/** The accounts module's own coded errors (the older ones live in core/errors.ts). */
registerErrors({
  'accounts.parent_role': {
    status: 400,
    zh: '家长角色只随家长本人注册获得，不能授予工作人员账号',
    en: 'The parent role comes only with a parent’s own registration: it cannot be given to a staff account',
  },
});
