import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Actor, canAt } from '../../core/access/index.ts';
import { maskIdNumber } from '../../core/crypto/pii.ts';
import type { Executor, Tx } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import {
  type CellError,
  cellError,
  type ImportKind,
  type RawRow,
  type ValidationContext,
} from '../../core/imports/kinds.ts';
import { sealCandidateId, takenInExam, validCandidateId } from './candidates.ts';
import { exam, examCandidate, examInvigilator, examSeat, examSite } from './schema.ts';

/**
 * The three lists of an exam come as Excel imports into that exam (`targetId` = the exam): sites,
 * candidates, invigilators. Rows name schools by unit code and sites by site code; every rule of
 * the forms holds here too, checked a chunk at a time.
 */

const target: ImportKind['target'] = {
  entityType: 'exam',
  zh: '考试',
  en: 'Exam',
  async check(tx: Executor, actor: Actor, targetId: number, orgId: number) {
    const [row] = await tx.select().from(exam).where(eq(exam.id, targetId));
    if (!row || !(await canAt(tx, actor, 'exams.read', row.orgId)))
      throw new DomainError('exams.exam_not_found', { field: 'targetId' });
    if (!(await canAt(tx, actor, 'exams.manage', row.orgId))) throw new DomainError('auth.forbidden');
    // The batch belongs to the exam's organising unit, so that its managers see and roll it back.
    if (row.orgId !== orgId) throw new DomainError('request.invalid', { field: 'orgId' });
  },
};

async function schoolsByCode(ctx: ValidationContext, rows: RawRow[], key = 'unitCode') {
  const codes = [...new Set(rows.map((r) => r[key]).filter(Boolean))] as string[];
  const units = codes.length
    ? await ctx.tx
        .select({ id: orgUnit.id, code: orgUnit.code, kind: orgUnit.kind })
        .from(orgUnit)
        .where(and(eq(orgUnit.districtId, ctx.districtId), inArray(orgUnit.code, codes)))
    : [];
  return new Map(units.map((u) => [u.code, u]));
}

function schoolError(unit: { kind: string } | undefined): CellError | null {
  if (!unit) return cellError('学校代码', 'org.unit_not_found', '学校代码不存在', 'No unit has this code');
  if (unit.kind !== 'school')
    return cellError('学校代码', 'exams.not_a_school', '该单位不是学校', 'This unit is not a school');
  return null;
}

async function sitesByCode(tx: Executor, examId: number) {
  const sites = await tx
    .select({ id: examSite.id, code: examSite.code })
    .from(examSite)
    .where(eq(examSite.examId, examId));
  return new Map(sites.map((s) => [s.code, s.id]));
}

const whole = (value: string | undefined, min: number, max: number) =>
  /^\d{1,4}$/.test(value ?? '') && Number(value) >= min && Number(value) <= max;

// ── sites ──
type SiteRow = typeof examSite.$inferInsert;
export const examSiteImport: ImportKind<SiteRow> = {
  kind: 'examSites',
  zh: '考点',
  en: 'Exam sites',
  permission: 'exams.manage',
  filePurpose: 'import.exams',
  target,
  columns: [
    {
      key: 'code',
      header: '考点代码',
      headerEn: 'Site code',
      required: true,
      example: '01',
      hint: '1–6位字母或数字，用于准考证号',
    },
    { key: 'name', header: '考点名称', headerEn: 'Site name', required: true, example: '第一中学考点' },
    {
      key: 'unitCode',
      header: '承办学校代码',
      headerEn: 'Host school code',
      required: true,
      example: 'XX0001',
    },
    { key: 'rooms', header: '考场数', headerEn: 'Rooms', required: true, example: '30' },
    { key: 'accessibleRooms', header: '无障碍考场数', headerEn: 'Accessible rooms', example: '1' },
    { key: 'address', header: '地址', headerEn: 'Address', example: '北京市海淀区中关村大街1号' },
  ],
  async validate(ctx, rows, seen, rowNumbers) {
    const schools = await schoolsByCode(ctx, rows);
    const existing = await sitesByCode(ctx.tx, ctx.targetId!);
    return rows.map((row, i) => {
      const errors: CellError[] = [];
      if (!/^[0-9A-Za-z]{1,6}$/.test(row.code ?? ''))
        errors.push(
          cellError('考点代码', 'invalid', '考点代码应为1–6位字母或数字', 'Site code: 1–6 letters or digits'),
        );
      else if (existing.has(row.code!))
        errors.push(
          cellError(
            '考点代码',
            'exams.site_code_taken',
            '本场考试中已有该考点代码',
            'The exam already has this site code',
          ),
        );
      else if (seen.has(`site:${row.code}`))
        errors.push(
          cellError(
            '考点代码',
            'duplicate',
            `与第${seen.get(`site:${row.code}`)!.row}行重复`,
            `Same as row ${seen.get(`site:${row.code}`)!.row}`,
          ),
        );
      if (!row.name || row.name.length > 60)
        errors.push(
          cellError(
            '考点名称',
            'required',
            '考点名称必填，最多60字',
            'Site name is required (at most 60 characters)',
          ),
        );
      const unit = schools.get(row.unitCode ?? '');
      const bad = schoolError(unit);
      if (bad) errors.push({ ...bad, column: '承办学校代码' });
      if (!whole(row.rooms, 1, 500))
        errors.push(cellError('考场数', 'invalid', '考场数应为1–500', 'Rooms must be 1–500'));
      if (
        row.accessibleRooms &&
        (!whole(row.accessibleRooms, 0, 500) || Number(row.accessibleRooms) > Number(row.rooms))
      )
        errors.push(
          cellError(
            '无障碍考场数',
            'invalid',
            '无障碍考场数应在0与考场数之间',
            'Accessible rooms must be between 0 and the rooms',
          ),
        );
      if (row.code) seen.set(`site:${row.code}`, { row: rowNumbers[i]! });
      if (errors.length) return { ok: false as const, errors };
      return {
        ok: true as const,
        value: {
          examId: ctx.targetId!,
          districtId: ctx.districtId,
          orgId: unit!.id,
          code: row.code!,
          name: row.name!,
          rooms: Number(row.rooms),
          accessibleRooms: Number(row.accessibleRooms || 0),
          address: row.address || null,
        },
      };
    });
  },
  async commit(tx, _actor, batch, rows) {
    for (let i = 0; i < rows.length; i += 2000)
      await tx
        .insert(examSite)
        .values(rows.slice(i, i + 2000).map((r) => ({ ...r, importBatchId: batch.id })));
    return rows.length;
  },
  async rollback(tx, _actor, batch) {
    const [used] = await tx
      .select({ id: examCandidate.id })
      .from(examCandidate)
      .innerJoin(examSite, eq(examSite.id, examCandidate.siteId))
      .where(eq(examSite.importBatchId, batch.id))
      .limit(1);
    if (used) throw new DomainError('exams.in_plan');
    const removed = await tx
      .delete(examSite)
      .where(eq(examSite.importBatchId, batch.id))
      .returning({ id: examSite.id });
    return removed.length;
  },
};

// ── candidates ──
type CandidateRow = typeof examCandidate.$inferInsert;
export const examCandidateImport: ImportKind<CandidateRow> = {
  kind: 'examCandidates',
  zh: '考生',
  en: 'Exam candidates',
  permission: 'exams.manage',
  filePurpose: 'import.exams',
  target,
  columns: [
    {
      key: 'registrationNo',
      header: '报名号',
      headerEn: 'Registration no.',
      required: true,
      example: '20110108000001',
    },
    { key: 'name', header: '姓名', headerEn: 'Name', required: true, example: '张三' },
    { key: 'gender', header: '性别', headerEn: 'Gender', example: '男', hint: '男 / 女' },
    { key: 'idNumber', header: '身份证号', headerEn: 'ID number', example: '110108200509010011' },
    { key: 'unitCode', header: '学校代码', headerEn: 'School code', required: true, example: 'XX0001' },
    { key: 'siteCode', header: '考点代码', headerEn: 'Site code', required: true, example: '01' },
    {
      key: 'groupCode',
      header: '科类组',
      headerEn: 'Group (四同)',
      required: true,
      example: '英语',
      hint: '同一试卷、外语语种、科类的考生为一组，同组考生同考场',
    },
    {
      key: 'accommodation',
      header: '特殊需要',
      headerEn: 'Accommodation',
      example: '',
      hint: '如：盲文、大字号、延时；填写后安排在特殊考场',
    },
  ],
  maskRaw: (cells) => ({ ...cells, ...(cells.idNumber ? { idNumber: maskIdNumber(cells.idNumber) } : {}) }),
  async validate(ctx, rows, seen, rowNumbers) {
    const examId = ctx.targetId!;
    const schools = await schoolsByCode(ctx, rows);
    const sites = await sitesByCode(ctx.tx, examId);
    const sealed = rows.map((r) =>
      r.idNumber && validCandidateId(r.idNumber) ? sealCandidateId(r.idNumber) : null,
    );
    const taken = await takenInExam(
      ctx.tx,
      examId,
      rows.map((r) => r.registrationNo ?? '').filter(Boolean),
      sealed.map((s) => s?.idNumberHash ?? '').filter(Boolean),
    );
    return rows.map((row, i) => {
      const errors: CellError[] = [];
      const no = row.registrationNo ?? '';
      if (!/^[0-9A-Za-z]{4,20}$/.test(no))
        errors.push(
          cellError(
            '报名号',
            'invalid',
            '报名号应为4–20位字母或数字',
            'Registration no.: 4–20 letters or digits',
          ),
        );
      else if (taken.registrations.has(no))
        errors.push(
          cellError(
            '报名号',
            'exams.registration_taken',
            '本场考试中已有该报名号',
            'The exam already has this registration no.',
          ),
        );
      else if (seen.has(`reg:${no}`))
        errors.push(
          cellError(
            '报名号',
            'duplicate',
            `与第${seen.get(`reg:${no}`)!.row}行重复`,
            `Same as row ${seen.get(`reg:${no}`)!.row}`,
          ),
        );
      if (!row.name || row.name.length > 50)
        errors.push(
          cellError('姓名', 'required', '姓名必填，最多50字', 'Name is required (at most 50 characters)'),
        );
      const gender = row.gender
        ? ({ 男: 'M', 女: 'F', M: 'M', F: 'F' } as Record<string, string>)[row.gender]
        : null;
      if (row.gender && !gender)
        errors.push(cellError('性别', 'invalid', '性别应为"男"或"女"', 'Gender must be 男 or 女'));
      const seal = sealed[i];
      if (row.idNumber && !seal)
        errors.push(
          cellError('身份证号', 'people.id_number_invalid', '身份证号码不合法', 'The ID number is not valid'),
        );
      else if (seal?.idNumberHash && taken.idHashes.has(seal.idNumberHash))
        errors.push(
          cellError(
            '身份证号',
            'exams.id_number_taken',
            '该身份证号已在本场考试中报名',
            'This ID number is already registered for the exam',
          ),
        );
      else if (seal?.idNumberHash && seen.has(`id:${seal.idNumberHash}`))
        errors.push(
          cellError(
            '身份证号',
            'duplicate',
            `与第${seen.get(`id:${seal.idNumberHash}`)!.row}行重复`,
            `Same as row ${seen.get(`id:${seal.idNumberHash}`)!.row}`,
          ),
        );
      const unit = schools.get(row.unitCode ?? '');
      const bad = schoolError(unit);
      if (bad) errors.push(bad);
      const siteId = sites.get(row.siteCode ?? '');
      if (!siteId)
        errors.push(
          cellError(
            '考点代码',
            'exams.site_not_found',
            '本场考试没有该考点代码',
            'The exam has no site with this code',
          ),
        );
      if (!row.groupCode || row.groupCode.length > 30)
        errors.push(
          cellError(
            '科类组',
            'required',
            '科类组必填，最多30字',
            'Group is required (at most 30 characters)',
          ),
        );
      if ((row.accommodation ?? '').length > 60)
        errors.push(
          cellError('特殊需要', 'invalid', '特殊需要最多60字', 'Accommodation: at most 60 characters'),
        );
      if (no) seen.set(`reg:${no}`, { row: rowNumbers[i]! });
      if (seal?.idNumberHash) seen.set(`id:${seal.idNumberHash}`, { row: rowNumbers[i]! });
      if (errors.length) return { ok: false as const, errors };
      return {
        ok: true as const,
        value: {
          examId,
          districtId: ctx.districtId,
          orgId: unit!.id,
          siteId: siteId!,
          registrationNo: no,
          name: row.name!,
          gender,
          ...(seal ?? sealCandidateId(null)),
          groupCode: row.groupCode!,
          accommodation: row.accommodation || null,
        },
      };
    });
  },
  async commit(tx, _actor, batch, rows) {
    for (let i = 0; i < rows.length; i += 2000)
      await tx
        .insert(examCandidate)
        .values(rows.slice(i, i + 2000).map((r) => ({ ...r, importBatchId: batch.id })));
    return rows.length;
  },
  async rollback(tx, _actor, batch) {
    await refuseIfSeated(tx, batch.id);
    const removed = await tx
      .delete(examCandidate)
      .where(eq(examCandidate.importBatchId, batch.id))
      .returning({ id: examCandidate.id });
    return removed.length;
  },
};

async function refuseIfSeated(tx: Tx, batchId: number) {
  const [used] = await tx
    .select({ id: examSeat.candidateId })
    .from(examSeat)
    .innerJoin(examCandidate, eq(examCandidate.id, examSeat.candidateId))
    .where(eq(examCandidate.importBatchId, batchId))
    .limit(1);
  if (used) throw new DomainError('exams.in_plan');
}

// ── invigilators ──
type InvigilatorRow = typeof examInvigilator.$inferInsert;
export const examInvigilatorImport: ImportKind<InvigilatorRow> = {
  kind: 'examInvigilators',
  zh: '监考员',
  en: 'Invigilators',
  permission: 'exams.manage',
  filePurpose: 'import.exams',
  target,
  columns: [
    { key: 'staffNo', header: '编号', headerEn: 'Staff no.', required: true, example: 'T0001' },
    { key: 'name', header: '姓名', headerEn: 'Name', required: true, example: '李老师' },
    { key: 'unitCode', header: '学校代码', headerEn: 'School code', required: true, example: 'XX0001' },
    {
      key: 'relativeSites',
      header: '亲属应考考点',
      headerEn: 'Sites where a relative sits',
      example: '03、07',
      hint: '近亲属参加本次考试的考点代码，多个用顿号或逗号分隔；该监考员不会被安排到这些考点',
    },
    { key: 'experienceYears', header: '监考年限', headerEn: 'Years of experience', example: '5' },
  ],
  async validate(ctx, rows, seen, rowNumbers) {
    const examId = ctx.targetId!;
    const schools = await schoolsByCode(ctx, rows);
    const sites = await sitesByCode(ctx.tx, examId);
    const numbers = rows.map((r) => r.staffNo ?? '').filter(Boolean);
    const existing = numbers.length
      ? await ctx.tx
          .select({ no: examInvigilator.staffNo })
          .from(examInvigilator)
          .where(and(eq(examInvigilator.examId, examId), inArray(examInvigilator.staffNo, numbers)))
      : [];
    const taken = new Set(existing.map((e) => e.no));
    return rows.map((row, i) => {
      const errors: CellError[] = [];
      const no = row.staffNo ?? '';
      if (!/^[0-9A-Za-z]{2,20}$/.test(no))
        errors.push(
          cellError('编号', 'invalid', '编号应为2–20位字母或数字', 'Staff no.: 2–20 letters or digits'),
        );
      else if (taken.has(no))
        errors.push(
          cellError(
            '编号',
            'exams.staff_no_taken',
            '本场考试中已有该编号',
            'The exam already has this staff no.',
          ),
        );
      else if (seen.has(`inv:${no}`))
        errors.push(
          cellError(
            '编号',
            'duplicate',
            `与第${seen.get(`inv:${no}`)!.row}行重复`,
            `Same as row ${seen.get(`inv:${no}`)!.row}`,
          ),
        );
      if (!row.name || row.name.length > 50)
        errors.push(
          cellError('姓名', 'required', '姓名必填，最多50字', 'Name is required (at most 50 characters)'),
        );
      const unit = schools.get(row.unitCode ?? '');
      const bad = schoolError(unit);
      if (bad) errors.push(bad);
      const codes = (row.relativeSites ?? '').split(/[、,，\s]+/).filter(Boolean);
      const relativeSiteIds = codes.map((c) => sites.get(c));
      if (relativeSiteIds.some((id) => id === undefined))
        errors.push(
          cellError('亲属应考考点', 'exams.site_not_found', '有考点代码不存在', 'A site code does not exist'),
        );
      if (row.experienceYears && !whole(row.experienceYears, 0, 60))
        errors.push(cellError('监考年限', 'invalid', '监考年限应为0–60', 'Years of experience must be 0–60'));
      if (no) seen.set(`inv:${no}`, { row: rowNumbers[i]! });
      if (errors.length) return { ok: false as const, errors };
      return {
        ok: true as const,
        value: {
          examId,
          districtId: ctx.districtId,
          orgId: unit!.id,
          staffNo: no,
          name: row.name!,
          relativeSiteIds: [...new Set(relativeSiteIds as number[])],
          experienceYears: Number(row.experienceYears || 0),
        },
      };
    });
  },
  async commit(tx, _actor, batch, rows) {
    for (let i = 0; i < rows.length; i += 2000)
      await tx
        .insert(examInvigilator)
        .values(rows.slice(i, i + 2000).map((r) => ({ ...r, importBatchId: batch.id })));
    return rows.length;
  },
  async rollback(tx, _actor, batch) {
    // An invigilator named in any plan version's rooms stays: the version is the record.
    const [used] = await tx
      .execute<{ id: number }>(sql`
      SELECT i.id FROM exam_invigilator i JOIN exam_room r ON i.id = ANY(r.invigilator_ids)
      WHERE i.import_batch_id = ${batch.id} LIMIT 1`)
      .then((r) => r.rows);
    if (used) throw new DomainError('exams.in_plan');
    const removed = await tx
      .delete(examInvigilator)
      .where(eq(examInvigilator.importBatchId, batch.id))
      .returning({ id: examInvigilator.id });
    return removed.length;
  },
};
