import { UploadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { type ReactNode, useState } from 'react';
import { BatchDrawer } from '../modules/imports/batch-detail/BatchDrawer.tsx';
import { type ImportTarget, NewImportModal } from '../modules/imports/import-center/NewImportModal.tsx';

/**
 * Imports into one record (an exam's sites, candidates …) with the import center's own screens: the
 * upload modal with kind, unit and record fixed, then the batch drawer to preview and commit.
 * `onChanged` is told when a job on the batch ends and when the drawer closes (a rollback too).
 */
export function TargetImportButton({
  target,
  label,
  onChanged,
  testId,
}: {
  target: ImportTarget;
  label: ReactNode;
  onChanged: () => void;
  testId?: string;
}) {
  const [uploading, setUploading] = useState(false);
  const [batchId, setBatchId] = useState<number>();
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setUploading(true)} data-testid={testId}>
        {label}
      </Button>
      {uploading && (
        <NewImportModal
          target={target}
          onClose={() => setUploading(false)}
          onValidated={(id) => {
            setUploading(false);
            setBatchId(id);
          }}
        />
      )}
      {batchId !== undefined && (
        <BatchDrawer
          id={batchId}
          onJobEnded={onChanged}
          onClose={() => {
            setBatchId(undefined);
            onChanged();
          }}
        />
      )}
    </>
  );
}
