import { Button, Descriptions, Drawer, Skeleton, Table } from 'antd';
import type { TPersonDetail } from '../../../../../contracts/people.ts';
import { useT } from '../../../app/i18n.tsx';
import { usePerson } from '../api.ts';

type Guardian = TPersonDetail['guardians'][number];
type Child = TPersonDetail['children'][number];

/** A person's details (still masked) with guardians or children; a related name opens that person. */
export function PersonDrawer({
  id,
  onOpen,
  onClose,
}: {
  id: number;
  onOpen: (id: number) => void;
  onClose: () => void;
}) {
  const t = useT();
  const person = usePerson(id);
  const p = person.data;
  const dash = (value: string | number | null | undefined) =>
    value === null || value === undefined ? '—' : value;
  const link = (name: string, related: { id: number }) => (
    <Button type="link" size="small" onClick={() => onOpen(related.id)} style={{ padding: 0 }}>
      {name}
    </Button>
  );

  return (
    <Drawer
      open
      title={p?.name ?? t('app.loading')}
      onClose={onClose}
      size="large"
      data-testid="person-drawer"
    >
      {!p ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'kind', label: t('people.kind'), children: t(`people.kind.${p.kind}`) },
              { key: 'org', label: t('common.org'), children: p.orgName },
              {
                key: 'gender',
                label: t('people.gender'),
                children: p.gender ? t(`people.gender.${p.gender}`) : '—',
              },
              { key: 'birthDate', label: t('people.birthDate'), children: dash(p.birthDate) },
              { key: 'idNumber', label: t('people.idNumber'), children: dash(p.idNumber) },
              { key: 'phone', label: t('people.phone'), children: dash(p.phone) },
              { key: 'studentNumber', label: t('people.studentNumber'), children: dash(p.studentNumber) },
              {
                key: 'grade',
                label: t('people.grade'),
                children: p.grade === null ? '—' : t('people.gradeN', { n: p.grade }),
              },
              { key: 'className', label: t('people.className'), children: dash(p.className) },
              { key: 'entryDate', label: t('people.entryDate'), children: dash(p.entryDate) },
              { key: 'position', label: t('people.position'), children: dash(p.position) },
              { key: 'subject', label: t('people.subject'), children: dash(p.subject) },
              { key: 'status', label: t('common.status'), children: t(`people.status.${p.status}`) },
              { key: 'address', label: t('people.address'), children: dash(p.address), span: 'filled' },
            ]}
          />
          {p.guardians.length > 0 && (
            <Table<Guardian>
              style={{ marginTop: 16 }}
              size="small"
              title={() => t('people.guardians')}
              rowKey="id"
              pagination={false}
              dataSource={p.guardians}
              columns={[
                { title: t('people.name'), dataIndex: 'name', render: link },
                { title: t('people.relation'), dataIndex: 'relation' },
                { title: t('people.phone'), dataIndex: 'phone', render: dash },
              ]}
            />
          )}
          {p.children.length > 0 && (
            <Table<Child>
              style={{ marginTop: 16 }}
              size="small"
              title={() => t('people.children')}
              rowKey="id"
              pagination={false}
              dataSource={p.children}
              columns={[
                { title: t('people.name'), dataIndex: 'name', render: link },
                { title: t('people.relation'), dataIndex: 'relation' },
                { title: t('common.org'), dataIndex: 'orgName' },
              ]}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
