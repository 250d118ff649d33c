import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  Collapse,
  DatePicker,
  Form,
  type FormListFieldData,
  Input,
  InputNumber,
  type FormRule as Rule,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ComponentProps, type ReactNode, useState } from 'react';
import {
  type TEnrollmentConfig,
  type TEnrollmentYear,
  yearConfigProblems,
  yearConfigRules,
  ZEnrollmentConfig,
  ZPhase,
  ZRoute,
  ZStage,
} from '../../../../../contracts/enrollment.ts';
import type { ApiError } from '../../../app/api.ts';
import { useLang } from '../../../app/i18n.tsx';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect.tsx';
import { useCreateYear, useUpdateYear } from '../api.ts';
import { phaseLabels, routeLabels, stageLabels, useEnrollmentText, useOfficerText } from '../text.ts';

type Config = TEnrollmentConfig;
type PhaseRow = { id: Config['phases'][number]['id']; range: [Dayjs, Dayjs] };
interface Values {
  name: string;
  year: number;
  orgId: number;
  routes: (Omit<Config['routes'][number], 'quotaPercent'> & { quotaPercent?: number | null })[];
  phases: PhaseRow[];
  categories: Config['categories'];
  confirmWorkingDays: number;
  birthCutoff: Dayjs;
  /** Empty: the server's default (24 hours). */
  reviewCutoffHours?: number | null;
}

const ISO = 'YYYY-MM-DD';
const PHASE_ORDER = ZPhase.shape.id.options;

function configValues(config: Config) {
  return {
    routes: config.routes.map((r) => ({ ...r })),
    phases: config.phases.map((p) => ({ id: p.id, range: [dayjs(p.from), dayjs(p.to)] as [Dayjs, Dayjs] })),
    categories: config.categories.map((c) => ({ ...c })),
    confirmWorkingDays: config.confirmWorkingDays,
    birthCutoff: dayjs(config.birthCutoff),
    reviewCutoffHours: config.reviewCutoffHours ?? null,
  };
}

/**
 * The configuration the form holds, over `base` (so fields the form does not show — another
 * feature's — are kept). Rows keep their own extra fields too: the store holds whole objects.
 */
function formConfig(values: Values, base: Partial<Config>): Config {
  const { reviewCutoffHours: _kept, ...rest } = base;
  const cutoff = values.reviewCutoffHours;
  return {
    ...rest,
    routes: (values.routes ?? []).map(({ quotaPercent, ...r }) => ({
      ...r,
      lottery: !!r.lottery,
      ...(quotaPercent === null || quotaPercent === undefined ? {} : { quotaPercent }),
    })),
    phases: (values.phases ?? []).map((p) => ({
      id: p.id,
      from: p.range?.[0]?.format(ISO) ?? '',
      to: p.range?.[1]?.format(ISO) ?? '',
    })),
    // 现场审核 is a flag: stored only when ticked.
    categories: (values.categories ?? []).map(({ inPersonReview, ...c }) => ({
      ...c,
      ...(inPersonReview ? { inPersonReview: true } : {}),
    })),
    confirmWorkingDays: values.confirmWorkingDays,
    birthCutoff: values.birthCutoff?.format(ISO) ?? '',
    ...(cutoff === null || cutoff === undefined ? {} : { reviewCutoffHours: cutoff }),
  };
}

/** "Start from last year's": the same year a year on — number, name and every date moved by one year. */
export function nextYearOf(source: TEnrollmentYear) {
  const shift = (date: string) => dayjs(date).add(1, 'year').format(ISO);
  return {
    year: source.year + 1,
    name: source.name.replaceAll(String(source.year), String(source.year + 1)),
    orgId: source.orgId,
    config: {
      ...source.config,
      phases: source.config.phases.map((p) => ({ ...p, from: shift(p.from), to: shift(p.to) })),
      birthCutoff: shift(source.config.birthCutoff),
    },
  };
}

/** A rule's path in the configuration (`phases.1.to`) as the form's field name. */
function fieldName(path: string): (string | number)[] {
  const parts = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (parts[0] === 'phases' && (parts[2] === 'from' || parts[2] === 'to')) parts[2] = 'range';
  return parts;
}

/** One editable table of a Form.List: its rows' cells, a remove button per row, the list's errors, an add button. */
function EditableList({
  name,
  rules,
  columns,
  addLabel,
  removeLabel,
  onAdd,
}: {
  name: string;
  rules: ComponentProps<typeof Form.List>['rules'];
  columns: { title: ReactNode; render: (field: FormListFieldData) => ReactNode }[];
  addLabel: string;
  removeLabel: string;
  onAdd: (add: (row: object) => void) => void;
}) {
  return (
    <Form.List name={name} rules={rules}>
      {(fields, { add, remove }, { errors }) => (
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={fields}
            columns={[
              ...columns.map((c) => ({
                title: c.title,
                render: (_: unknown, f: FormListFieldData) => c.render(f),
              })),
              {
                title: '',
                width: 48,
                render: (_: unknown, f: FormListFieldData) => (
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                    aria-label={removeLabel}
                  />
                ),
              },
            ]}
          />
          <Form.ErrorList errors={errors} />
          <div>
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => onAdd(add)}
              style={{ margin: '8px 0 16px' }}
            >
              {addLabel}
            </Button>
          </div>
        </>
      )}
    </Form.List>
  );
}

/**
 * 招生年度表单: create a year, or change a year's name and configuration (saved as a new version).
 * The fields follow contracts/enrollment.ts (the same limits, the same cross-field rules through
 * `yearConfigProblems`, shown at their field in Chinese or English); the server checks it all again.
 */
export function YearForm({
  year,
  years,
  onDone,
  onCancel,
}: {
  year?: TEnrollmentYear;
  years: TEnrollmentYear[];
  onDone: (saved: TEnrollmentYear) => void;
  onCancel: () => void;
}) {
  const t = useEnrollmentText();
  const o = useOfficerText();
  const { lang } = useLang();
  const [form] = Form.useForm<Values>();
  const create = useCreateYear();
  const update = useUpdateYear();
  const [base, setBase] = useState<Partial<Config>>(year?.config ?? {});
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const saving = year ? update : create;
  const nextNumber = Math.max(dayjs().year(), ...years.map((y) => y.year + 1));

  const required: Rule = { required: true, message: o('required') };
  const int = (min: number, max: number): Rule => ({
    type: 'integer',
    min,
    max,
    message: o('between', { min, max }),
  });
  const text = (max: number): Rule[] => [
    required,
    { whitespace: true, message: o('required') },
    { max, message: o('maxLength', { n: max }) },
  ];
  const count = (min: number, max: number) => ({
    validator: async (_: unknown, list: unknown[] | undefined) => {
      if ((list?.length ?? 0) < min) throw new Error(o('atLeastOne'));
      if ((list?.length ?? 0) > max) throw new Error(o('atMost', { n: max }));
    },
  });

  const initialValues: Partial<Values> = year
    ? { name: year.name, year: year.year, orgId: year.orgId, ...configValues(year.config) }
    : {
        year: nextNumber,
        routes: [{ route: 'area', stage: 'primary', maxChoices: 3, lottery: true }],
        phases: [],
        categories: [{ id: 'localHukou', zh: '本区户籍', en: 'District hukou', priorityClass: 0 }],
        confirmWorkingDays: 5,
        birthCutoff: dayjs(`${nextNumber}-08-31`),
      };

  const copyFrom = (id: number) => {
    const source = years.find((y) => y.id === id);
    if (!source) return;
    const next = nextYearOf(source);
    setBase(next.config);
    form.setFieldsValue({
      name: next.name,
      year: next.year,
      orgId: next.orgId,
      ...configValues(next.config),
    });
  };

  const submit = async () => {
    setJsonError(null);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const values = form.getFieldsValue(true) as Values;
    // Phases in their fixed order, so that a rule's row number is the row the officer sees.
    const phases = [...(values.phases ?? [])].sort(
      (a, b) => PHASE_ORDER.indexOf(a.id) - PHASE_ORDER.indexOf(b.id),
    );
    form.setFieldValue('phases', phases);
    const config = formConfig({ ...values, phases }, base);
    const problems = yearConfigProblems(config);
    if (problems.length) {
      form.setFields(
        problems.map((p) => ({ name: fieldName(p.field) as never, errors: [yearConfigRules[p.code][lang]] })),
      );
      return;
    }
    const parsed = ZEnrollmentConfig.safeParse(config);
    if (!parsed.success) {
      setJsonError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return;
    }
    const onError = (error: Error) => {
      const field = (error as ApiError).field;
      if (field === 'year' || field === 'name' || field === 'orgId')
        form.setFields([{ name: field, errors: [(error as ApiError).text(lang)] }]);
      else if (field?.startsWith('config.') && /\.\d+\./.test(field))
        form.setFields([
          { name: fieldName(field.slice(7)) as never, errors: [(error as ApiError).text(lang)] },
        ]);
    };
    if (year)
      update.mutate(
        { id: year.id, name: values.name, config },
        { onSuccess: (saved) => onDone(saved), onError },
      );
    else
      create.mutate(
        { orgId: values.orgId, year: values.year, name: values.name, config },
        { onSuccess: (saved) => onDone(saved), onError },
      );
  };

  const loadJson = () => {
    try {
      const parsed = ZEnrollmentConfig.safeParse(JSON.parse(json));
      if (!parsed.success) {
        setJsonError(
          o('jsonInvalid') + parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        );
        return;
      }
      setJsonError(null);
      setBase(parsed.data);
      form.setFieldsValue(configValues(parsed.data));
    } catch (error) {
      setJsonError(o('jsonInvalid') + String(error));
    }
  };

  const cell = (name: (string | number)[], rules: Rule[], input: ReactNode, extra = {}) => (
    <Form.Item name={name} rules={rules} style={{ marginBottom: 0 }} {...extra}>
      {input}
    </Form.Item>
  );

  return (
    <Form<Values> form={form} layout="vertical" initialValues={initialValues} data-testid="year-form">
      {!year && years.length > 0 && (
        <Form.Item label={o('copyFrom')} extra={o('copyHint')}>
          <Select
            data-testid="year-copy-from"
            style={{ maxWidth: 320 }}
            onChange={copyFrom}
            options={years.map((y) => ({ value: y.id, label: y.name }))}
          />
        </Form.Item>
      )}
      <Space wrap align="start">
        <Form.Item name="name" label={o('yearName')} rules={text(60)}>
          <Input style={{ width: 280 }} data-testid="year-name" />
        </Form.Item>
        <Form.Item name="year" label={o('yearNumber')} rules={[required, int(2000, 2100)]}>
          <InputNumber disabled={!!year} style={{ width: 110 }} data-testid="year-number" />
        </Form.Item>
        {!year && (
          <Form.Item name="orgId" label={o('organiser')} rules={[required]}>
            <OrgUnitSelect testId="year-org" />
          </Form.Item>
        )}
      </Space>

      <Typography.Title level={5}>{o('routes')}</Typography.Title>
      <EditableList
        name="routes"
        rules={[count(1, 20)]}
        addLabel={o('addRoute')}
        removeLabel={o('remove')}
        onAdd={(add) => add({ route: 'area', stage: 'primary', maxChoices: 1, lottery: true })}
        columns={[
          {
            title: t('route'),
            render: (f) =>
              cell(
                [f.name, 'route'],
                [required],
                <Select
                  style={{ width: 150 }}
                  options={ZRoute.options.map((r) => ({ value: r, label: routeLabels[r][lang] }))}
                />,
              ),
          },
          {
            title: t('stage'),
            render: (f) =>
              cell(
                [f.name, 'stage'],
                [required],
                <Select
                  style={{ width: 110 }}
                  options={ZStage.options.map((s) => ({ value: s, label: stageLabels[s][lang] }))}
                />,
              ),
          },
          {
            title: o('maxChoices'),
            render: (f) =>
              cell([f.name, 'maxChoices'], [required, int(1, 10)], <InputNumber style={{ width: 80 }} />),
          },
          {
            title: o('quota'),
            render: (f) =>
              cell([f.name, 'quotaPercent'], [int(0, 100)], <InputNumber style={{ width: 80 }} />),
          },
          {
            title: o('lottery'),
            render: (f) => cell([f.name, 'lottery'], [], <Switch />, { valuePropName: 'checked' }),
          },
        ]}
      />

      <Typography.Title level={5}>{o('phases')}</Typography.Title>
      <EditableList
        name="phases"
        rules={[count(0, 10)]}
        addLabel={o('addPhase')}
        removeLabel={o('remove')}
        onAdd={(add) => {
          const used = new Set((form.getFieldValue('phases') as PhaseRow[] | undefined)?.map((p) => p.id));
          add({ id: PHASE_ORDER.find((p) => !used.has(p)) ?? PHASE_ORDER[0] });
        }}
        columns={[
          {
            title: o('phase'),
            render: (f) =>
              cell(
                [f.name, 'id'],
                [required],
                <Select
                  style={{ width: 150 }}
                  options={PHASE_ORDER.map((p) => ({ value: p, label: phaseLabels[p][lang] }))}
                />,
              ),
          },
          {
            title: o('dates'),
            render: (f) => cell([f.name, 'range'], [required], <DatePicker.RangePicker />),
          },
        ]}
      />

      <Typography.Title level={5}>{o('categories')}</Typography.Title>
      <EditableList
        name="categories"
        rules={[count(1, 10)]}
        addLabel={o('addCategory')}
        removeLabel={o('remove')}
        onAdd={(add) => add({ priorityClass: 0 })}
        columns={[
          {
            title: o('categoryId'),
            render: (f) => cell([f.name, 'id'], text(30), <Input style={{ width: 140 }} />),
          },
          {
            title: o('categoryZh'),
            render: (f) => cell([f.name, 'zh'], text(40), <Input style={{ width: 180 }} />),
          },
          {
            title: o('categoryEn'),
            render: (f) => cell([f.name, 'en'], text(60), <Input style={{ width: 200 }} />),
          },
          {
            title: o('priorityClass'),
            render: (f) =>
              cell([f.name, 'priorityClass'], [required, int(0, 20)], <InputNumber style={{ width: 80 }} />),
          },
          {
            title: o('inPersonReview'),
            render: (f) =>
              cell(
                [f.name, 'inPersonReview'],
                [],
                <Checkbox data-testid={`category-in-person-${f.name}`} />,
                { valuePropName: 'checked' },
              ),
          },
        ]}
      />

      <Space wrap align="start">
        <Form.Item name="confirmWorkingDays" label={o('confirmDays')} rules={[required, int(1, 30)]}>
          <InputNumber style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="birthCutoff" label={o('birthCutoff')} rules={[required]}>
          <DatePicker />
        </Form.Item>
        <Form.Item
          name="reviewCutoffHours"
          label={o('reviewCutoffHours')}
          extra={o('reviewCutoffHint')}
          rules={[int(0, 168)]}
        >
          <InputNumber
            style={{ width: 120 }}
            min={0}
            max={168}
            placeholder="24"
            data-testid="year-review-cutoff"
          />
        </Form.Item>
      </Space>

      <Collapse
        size="small"
        style={{ marginBottom: 16 }}
        onChange={(open) => {
          if (open.length)
            setJson(JSON.stringify(formConfig(form.getFieldsValue(true) as Values, base), null, 2));
        }}
        items={[
          {
            key: 'json',
            label: o('advanced'),
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Input.TextArea
                  value={json}
                  onChange={(e) => setJson(e.target.value)}
                  autoSize={{ minRows: 8, maxRows: 24 }}
                  style={{ fontFamily: 'monospace' }}
                  data-testid="year-json"
                />
                <Button onClick={loadJson}>{o('applyJson')}</Button>
              </Space>
            ),
          },
        ]}
      />

      {(jsonError || saving.error) && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={jsonError ?? (saving.error as ApiError).text(lang)}
        />
      )}
      <Space>
        <Button type="primary" onClick={submit} loading={saving.isPending} data-testid="year-save">
          {year ? o('saveVersion') : o('create')}
        </Button>
        <Button onClick={onCancel}>{o('cancel')}</Button>
      </Space>
    </Form>
  );
}
