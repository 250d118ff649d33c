import { isValidIdNumber, normalisePhone, sealIdNumber, sealPhone } from '../../core/crypto/pii.ts';
import { DomainError } from '../../core/errors.ts';
import { segment } from '../../core/search/index.ts';
import { services } from '../../core/services.ts';
import type { caseRecord } from './schema.ts';

/**
 * The complainant's name, phone and ID number sealed (`*_enc`), hashed for lookups and masked for
 * display; an anonymous complaint keeps nothing. The plain values are never stored.
 */
export function sealComplainant(input: {
  complainantName?: string | null;
  complainantPhone?: string | null;
  complainantIdNumber?: string | null;
  anonymous?: boolean;
}): Partial<typeof caseRecord.$inferInsert> {
  if (input.anonymous) return { anonymous: true };
  const { cipher } = services();
  const out: Partial<typeof caseRecord.$inferInsert> = { anonymous: false };
  const name = input.complainantName?.trim();
  if (name) {
    out.complainantNameEnc = cipher.encrypt(name);
    out.complainantName = maskName(name);
  }
  if (input.complainantPhone && normalisePhone(input.complainantPhone)) {
    const phone = sealPhone(cipher, input.complainantPhone);
    out.complainantPhoneEnc = phone.enc;
    out.complainantPhoneHash = phone.hash;
    out.complainantPhoneMasked = phone.masked;
  }
  if (input.complainantIdNumber) {
    if (!isValidIdNumber(input.complainantIdNumber))
      throw new DomainError('cases.id_number_invalid', { field: 'complainantIdNumber' });
    const id = sealIdNumber(cipher, input.complainantIdNumber);
    out.complainantIdEnc = id.enc;
    out.complainantIdHash = id.hash;
    out.complainantIdMasked = id.masked;
  }
  return out;
}

/** 张三 → 张*, 欧阳小明 → 欧***: the surname's first character only. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

const STOP = new Set(
  '反映 市民 来电 来信 希望 问题 情况 要求 表示 相关 部门 解决 处理 诉求 工单 目前 现在 没有 一直 进行 什么 为什么 是否 我们 他们 自己 孩子家长'.split(
    ' ',
  ),
);

/** The words of a case for duplicate suggestions and topics: jieba tokens of 2+ characters. */
export function caseWords(title: string, content: string): string[] {
  return segment(`${title} ${content}`.slice(0, 2000)).filter(
    (w) => [...w].length >= 2 && !STOP.has(w) && !/^\d+$/.test(w),
  );
}
