import { SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useT } from '../../../app/i18n.tsx';
import { useVerifyChain } from '../api.ts';

/** Re-computes every hash of the audit chain and reports the first event that does not fit. */
export function VerifyChainButton() {
  const t = useT();
  const { modal } = App.useApp();
  const verify = useVerifyChain();

  const run = () =>
    verify.mutate(undefined, {
      onSuccess: (result) =>
        result.ok
          ? modal.success({
              title: t('audit.verify'),
              content: t('audit.verifyOk', { n: result.count, last: result.lastSeq }),
            })
          : modal.error({
              title: t('audit.verify'),
              content: t('audit.verifyBroken', {
                seq: result.brokenAt?.seq ?? '?',
                reason: result.brokenAt?.reason ?? '',
              }),
            }),
    });

  return (
    <Button
      icon={<SafetyCertificateOutlined />}
      onClick={run}
      loading={verify.isPending}
      data-testid="audit-verify"
    >
      {t('audit.verify')}
    </Button>
  );
}
