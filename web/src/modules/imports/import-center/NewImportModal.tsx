import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Modal, Select, Space, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import type { TJobRun } from '../../../../../contracts/jobs.ts';
import { useCurrentUser } from '../../../app/auth.tsx';
import { usePick } from '../../../app/i18n.tsx';
import { JobProgress } from '../../../components/JobProgress.tsx';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect.tsx';
import { importKeys, type TImportKindId, templateUrl, useImportKinds, useUploadImport } from '../api.ts';
import { useImportText } from '../text.ts';

/** An import into one record (an exam's candidates): kind, unit and record are fixed by the caller. */
export interface ImportTarget {
  kind: TImportKindId;
  orgId: number;
  targetId: number;
}

/**
 * 新建导入: type, unit, template, file → upload; then the validation job's progress. When the job
 * ends the batch opens (its errors, or the commit button). With `target` only the file is asked.
 */
export function NewImportModal({
  onClose,
  onValidated,
  target,
}: {
  onClose: () => void;
  onValidated: (batchId: number) => void;
  target?: ImportTarget;
}) {
  const t = useImportText();
  const pick = usePick();
  const me = useCurrentUser();
  const client = useQueryClient();
  const kinds = useImportKinds();
  const upload = useUploadImport();
  const [kind, setKind] = useState<TImportKindId | undefined>(target?.kind);
  const [orgId, setOrgId] = useState<number | undefined>(target?.orgId ?? me.orgId);
  const [file, setFile] = useState<File>();
  const started = upload.data;
  // JobProgress reports the end on every render after it: act on it once.
  const ended = useRef(false);
  const onJobEnd = (job: TJobRun) => {
    if (ended.current || !started) return;
    ended.current = true;
    void client.invalidateQueries({ queryKey: importKeys.all });
    if (job.status === 'succeeded') onValidated(started.batch.id);
  };
  const chosen = kinds.data?.find((k) => k.kind === kind);
  const ready = kind !== undefined && orgId !== undefined && file !== undefined;

  return (
    <Modal
      open
      title={target && chosen ? `${t('new')} · ${pick(chosen)}` : t('new')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        started ? (
          <Button onClick={() => onValidated(started.batch.id)}>{t('viewBatch')}</Button>
        ) : (
          <Button
            type="primary"
            icon={<UploadOutlined />}
            disabled={!ready}
            loading={upload.isPending}
            onClick={() => ready && upload.mutate({ kind, orgId, targetId: target?.targetId, file })}
            data-testid="import-submit"
          >
            {t('upload')}
          </Button>
        )
      }
    >
      {started ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {t('validating')} {started.batch.fileName}
          </Typography.Text>
          <JobProgress id={started.jobId} onDone={onJobEnd} />
        </Space>
      ) : (
        <Form layout="vertical">
          <Form.Item label={t('kind')} required hidden={!!target}>
            <Select<TImportKindId>
              value={kind}
              onChange={setKind}
              loading={kinds.isLoading}
              options={kinds.data
                // Kinds that import into one record (an exam's candidates) start from that record's screen.
                ?.filter((k) => !k.target)
                .map((k) => ({ value: k.kind as TImportKindId, label: pick(k) }))}
              data-testid="import-kind"
            />
          </Form.Item>
          <Form.Item label={t('unit')} required hidden={!!target}>
            <OrgUnitSelect value={orgId} onChange={setOrgId} style={{ width: '100%' }} testId="import-unit" />
          </Form.Item>
          {chosen && (
            <Form.Item>
              <Button icon={<DownloadOutlined />} href={templateUrl(chosen.kind)} download>
                {t('template')} · {pick(chosen)}
              </Button>
            </Form.Item>
          )}
          <Form.Item label={t('file')} required extra={t('fileHint')}>
            <Upload
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              // Kept in the browser until "upload": the fields must be sent before the file.
              beforeUpload={(next) => {
                setFile(next);
                return false;
              }}
              onRemove={() => setFile(undefined)}
              fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
              data-testid="import-file"
            >
              <Button icon={<UploadOutlined />}>{t('chooseFile')}</Button>
            </Upload>
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
