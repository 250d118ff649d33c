import { Alert, Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { ApiError } from '../../../app/api.ts';
import { useLang } from '../../../app/i18n.tsx';
import { usePublicFeeders, usePublicYears, useSubmitApplication } from '../api.ts';
import { routeHelp, routeLabels, useEnrollmentText, useRouteText } from '../text.ts';

interface Values {
  yearId: number;
  zoneId: number;
  stage: 'primary' | 'junior';
  route: keyof typeof routeLabels;
  category: string;
  childName: string;
  childIdNumber: string;
  birthDate: Dayjs;
  hukouType: 'district' | 'otherDistrict' | 'nonBeijing';
  residenceKind: 'property' | 'rental';
  address: string;
  certificateNo?: string;
  guardianName: string;
  relation: string;
  guardianPhone: string;
  choices: number[];
  currentSchoolId?: number;
}

/**
 * The application form. Its client key is fixed for the form's life, so a double tap or a retry
 * after a lost answer returns the same application (the server is idempotent on it).
 */
export function ApplyForm({ onDone }: { onDone?: () => void }) {
  const t = useEnrollmentText();
  const { lang } = useLang();
  const years = usePublicYears();
  const submit = useSubmitApplication();
  const [form] = Form.useForm<Values>();
  const [clientKey, setClientKey] = useState(() => crypto.randomUUID());
  const yearId = Form.useWatch('yearId', form);
  const stage = Form.useWatch('stage', form);
  const route = Form.useWatch('route', form);
  const zoneId = Form.useWatch('zoneId', form);
  const currentSchoolId = Form.useWatch('currentSchoolId', form);
  const rt = useRouteText();
  const year = years.data?.items.find((y) => y.id === yearId) ?? years.data?.items[0];
  const feeders = usePublicFeeders(stage === 'junior' && route === 'feederQuota' ? year?.id : undefined);
  const routes = year?.config.routes.filter((r) => r.stage === (stage ?? 'primary')) ?? [];
  // 九年一贯直升 and 对口直升 are decided by the primary school the child leaves (junior entry).
  const needsCurrent = stage === 'junior' && (route === 'throughTrain' || route === 'feederQuota');
  const fed = (feeders.data?.items ?? []).filter((f) => f.feederSchoolId === currentSchoolId);
  // Registration entry and feeder quota take one school whatever the configuration says.
  const maxChoices =
    route === 'registrationEntry' || route === 'feederQuota'
      ? 1
      : (routes.find((r) => r.route === route)?.maxChoices ?? 1);
  const schools = useMemo(() => {
    const onRoute = year?.schools.filter((s) => s.stage === stage && s.route === route) ?? [];
    if (route === 'registrationEntry') return onRoute.filter((s) => s.zoneId === zoneId);
    if (route === 'feederQuota')
      return onRoute.filter((s) => fed.some((f) => f.middleSchoolId === s.schoolId));
    return onRoute;
  }, [year, stage, route, zoneId, fed]);
  const currentOptions =
    route === 'throughTrain'
      ? (year?.schools ?? [])
          .filter((s) => s.stage === 'junior' && s.route === 'throughTrain' && s.nineYear)
          .map((s) => ({ value: s.schoolId, label: s.name }))
      : [
          ...new Map(
            (feeders.data?.items ?? []).map((f) => [
              f.feederSchoolId,
              { value: f.feederSchoolId, label: f.feederName },
            ]),
          ).values(),
        ];
  if (!years.data) return null;
  if (!year) return <Alert type="info" message="—" />;
  const finish = (v: Values) =>
    submit.mutate(
      {
        clientKey,
        yearId: year.id,
        zoneId: v.zoneId,
        stage: v.stage,
        route: v.route,
        category: v.category,
        childName: v.childName,
        childIdNumber: v.childIdNumber,
        birthDate: v.birthDate.format('YYYY-MM-DD'),
        hukouType: v.hukouType,
        residenceKind: v.residenceKind,
        address: v.address,
        ...(v.certificateNo ? { certificateNo: v.certificateNo } : {}),
        guardians: [{ name: v.guardianName, relation: v.relation, phone: v.guardianPhone }],
        // Through-train: the choice is the current school itself, set by the server.
        choices: needsCurrent && v.route === 'throughTrain' ? [] : (v.choices ?? []),
        ...(needsCurrent && v.currentSchoolId ? { currentSchoolId: v.currentSchoolId } : {}),
      },
      {
        onSuccess: () => {
          form.resetFields();
          setClientKey(crypto.randomUUID());
          onDone?.();
        },
        // The server's field (childIdNumber …) is shown at that field as well as above the form.
        onError: (error) => {
          const field = (error as ApiError).field;
          if (field && /^\w+$/.test(field) && form.getFieldsValue(true)[field] !== undefined)
            form.setFields([{ name: field as keyof Values, errors: [(error as ApiError).text(lang)] }]);
        },
      },
    );
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={finish}
      initialValues={{
        yearId: year.id,
        stage: 'primary',
        route: 'area',
        category: year.config.categories[0]?.id,
        hukouType: 'district',
        residenceKind: 'property',
        relation: '父亲',
      }}
    >
      {submit.error && (
        <Alert
          type="error"
          showIcon
          message={(submit.error as ApiError).text(lang)}
          style={{ marginBottom: 12 }}
        />
      )}
      {submit.isSuccess && (
        <Alert
          type="success"
          showIcon
          message={`${t('lotteryId')}: ${submit.data.lotteryId}`}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form.Item name="yearId" label={t('year')} rules={[{ required: true }]}>
        <Select options={years.data.items.map((y) => ({ value: y.id, label: y.name }))} />
      </Form.Item>
      <Form.Item name="zoneId" label={t('zone')} rules={[{ required: true }]}>
        <Select
          data-testid="apply-zone"
          options={year.zones.map((z) => ({ value: z.id, label: z.name }))}
          showSearch
          optionFilterProp="label"
        />
      </Form.Item>
      <Form.Item name="stage" label={t('stage')} rules={[{ required: true }]}>
        <Select
          options={[
            { value: 'primary', label: lang === 'zh' ? '小学入学' : 'Primary' },
            { value: 'junior', label: lang === 'zh' ? '小升初' : 'Junior high' },
          ]}
        />
      </Form.Item>
      <Form.Item name="route" label={t('route')} rules={[{ required: true }]}>
        <Select options={routes.map((r) => ({ value: r.route, label: routeLabels[r.route][lang] }))} />
      </Form.Item>
      {route && stage === 'junior' && (
        <Alert type="info" showIcon message={routeHelp[route][lang]} style={{ marginBottom: 12 }} />
      )}
      {needsCurrent && (
        <Form.Item name="currentSchoolId" label={rt('currentSchool')} rules={[{ required: true }]}>
          <Select
            data-testid="apply-currentSchool"
            options={currentOptions}
            showSearch
            optionFilterProp="label"
          />
        </Form.Item>
      )}
      {route === 'feederQuota' && currentSchoolId && (
        <Alert
          type={fed.length ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          message={
            fed.length
              ? `${rt('feedsInto')}${fed.map((f) => `${f.middleName}（${rt('quotaSeats')} ${f.quotaSeats}）`).join('、')}`
              : rt('feedsNone')
          }
        />
      )}
      <Form.Item name="category" label={t('category')} rules={[{ required: true }]}>
        <Select
          options={year.config.categories.map((c) => ({ value: c.id, label: lang === 'zh' ? c.zh : c.en }))}
        />
      </Form.Item>
      <Form.Item name="childName" label={t('childName')} rules={[{ required: true }]}>
        <Input data-testid="apply-childName" />
      </Form.Item>
      <Form.Item name="childIdNumber" label={t('childId')} rules={[{ required: true, len: 18 }]}>
        <Input data-testid="apply-childIdNumber" />
      </Form.Item>
      <Form.Item name="birthDate" label={t('birthDate')} rules={[{ required: true }]}>
        <DatePicker data-testid="apply-birthDate" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="hukouType" label={t('hukou')} rules={[{ required: true }]}>
        <Select
          options={[
            { value: 'district', label: lang === 'zh' ? '本区户籍' : 'This district' },
            { value: 'otherDistrict', label: lang === 'zh' ? '外区户籍' : 'Another district' },
            {
              value: 'nonBeijing',
              label: lang === 'zh' ? '非京籍（需五证）' : 'Non-Beijing (five documents)',
            },
          ]}
        />
      </Form.Item>
      <Form.Item name="residenceKind" label={t('residence')} rules={[{ required: true }]}>
        <Select
          options={[
            { value: 'property', label: lang === 'zh' ? '自有房产' : 'Own property' },
            { value: 'rental', label: lang === 'zh' ? '租房' : 'Rental' },
          ]}
        />
      </Form.Item>
      <Form.Item name="address" label={t('address')} rules={[{ required: true, min: 4 }]}>
        <Input data-testid="apply-address" />
      </Form.Item>
      <Form.Item name="certificateNo" label={t('certificate')}>
        <Input />
      </Form.Item>
      <Form.Item name="guardianName" label={t('guardianName')} rules={[{ required: true }]}>
        <Input data-testid="apply-guardianName" />
      </Form.Item>
      <Form.Item name="relation" label={t('relation')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item
        name="guardianPhone"
        label={t('guardianPhone')}
        rules={[{ required: true, pattern: /^1\d{10}$/, message: t('phoneInvalid') }]}
      >
        <Input data-testid="apply-guardianPhone" inputMode="tel" />
      </Form.Item>
      {!(needsCurrent && route === 'throughTrain') && (
        <Form.Item name="choices" label={`${t('choices')} (≤ ${maxChoices})`}>
          <Select
            data-testid="apply-choices"
            mode="multiple"
            maxCount={maxChoices}
            options={schools.map((s) => ({ value: s.schoolId, label: s.name }))}
            optionFilterProp="label"
          />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={submit.isPending} block data-testid="apply-submit">
        {t('submit')}
      </Button>
    </Form>
  );
}
