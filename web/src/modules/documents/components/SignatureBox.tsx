// The approval signature of a version: who signed, when, what it means, and a "verify" button
// that has the server recompute the content hash and check the Ed25519 signature.
import { CheckCircleFilled, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Tooltip, Typography } from 'antd';
import { useEffect } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useVerify } from '../api';
import { formatInstant, verifyReasonKey, type Version } from '../model';

export function SignatureBox({ documentId, version }: { documentId: number; version: Version }) {
  const t = useT();
  const verify = useVerify();
  const s = version.signature;
  const { reset } = verify;
  useEffect(() => reset(), [documentId, version.number, reset]);

  return (
    <Card size="small" data-testid="doc-signature"
      title={<span><SafetyCertificateOutlined /> {t('documents.signature.title', { number: version.number })}</span>}
      extra={s && (
        <Button size="small" onClick={() => verify.mutate({ id: documentId, number: version.number })}
          loading={verify.isPending} data-testid="doc-verify">
          {t('documents.signature.verify')}
        </Button>
      )}>
      {!s
        ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('documents.signature.none')} />
        : (
          <Descriptions column={1} size="small" labelStyle={{ width: 120 }}>
            <Descriptions.Item label={t('documents.signature.signer')}>
              <span data-testid="doc-signer">{s.signer_name}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('documents.signature.time')}>{formatInstant(s.signed_at)}</Descriptions.Item>
            <Descriptions.Item label={t('documents.signature.meaning')}>
              {s.meaning === 'approved' ? t('documents.signature.meaning.approved') : s.meaning}
            </Descriptions.Item>
            <Descriptions.Item label={t('documents.signature.hash')}>
              <Tooltip title={s.content_hash}>
                <Typography.Text className="doc-signature-hash" copyable={{ text: s.content_hash }}>
                  {s.content_hash.slice(0, 16)}…
                </Typography.Text>
              </Tooltip>
            </Descriptions.Item>
          </Descriptions>
        )}
      {verify.isError && <Alert type="error" showIcon message={errorText(verify.error, t)} />}
      {verify.data && (verify.data.ok
        ? <Alert type="success" showIcon icon={<CheckCircleFilled />} data-testid="doc-verify-ok"
          message={t('documents.verify.ok')} description={t('documents.verify.okText')} />
        : <Alert type="error" showIcon icon={<CloseCircleFilled />} data-testid="doc-verify-failed"
          message={t('documents.verify.failed')} description={t(verifyReasonKey(verify.data.reason))} />)}
    </Card>
  );
}
