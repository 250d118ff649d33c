import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useT } from '../app/i18n.tsx';

/**
 * Downloads `<listUrl>/export.xlsx?<filters>`: a plain link, so the browser streams the file with
 * the session cookie and large exports never pass through JavaScript memory.
 */
export function ExportButton({
  listUrl,
  query,
  testId,
  label,
}: {
  listUrl: string;
  query: string;
  testId: string;
  /** When a screen has more than one export: what this one exports (default 导出 Excel). */
  label?: string;
}) {
  const t = useT();
  const href = `${listUrl}/export.xlsx${query ? `?${query}` : ''}`;
  return (
    <Button icon={<DownloadOutlined />} href={href} download data-testid={testId}>
      {label ?? t('common.export')}
    </Button>
  );
}
