// The printable forms that apply to this dossier, each opening its PDF in a new tab.
import { FilePdfOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { errorText } from '../../../lib/errors';
import { sessionKey } from '../../auth/api';
import type { Session } from '../../auth/model';
import { applicableForms, fetchPdf, formPath, openPdf, type FormKind } from '../forms';
import type { Dossier } from '../model';

// The session's CSRF token, for POSTs that do not go through the JSON client.
export function useCsrfToken(): () => string | null {
  const client = useQueryClient();
  return () => client.getQueryData<Session | null>(sessionKey)?.csrf_token ?? null;
}

export function FormButtons({ dossier }: { dossier: Dossier }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<FormKind | null>(null);
  const forms = applicableForms(dossier);
  if (forms.length === 0) return <Typography.Text type="secondary">{t('dossiers.forms.none')}</Typography.Text>;

  const open = (kind: FormKind) => {
    setBusy(kind);
    openPdf(() => fetchPdf(formPath(dossier.id, kind), null))
      .catch((e: unknown) => { void message.error(errorText(e, t)); })
      .finally(() => setBusy(null));
  };

  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid="dossier-forms">
      {forms.map((k) => (
        <Button key={k} block icon={<FilePdfOutlined />} loading={busy === k} onClick={() => open(k)}
          style={{ textAlign: 'left', whiteSpace: 'normal', height: 'auto', minHeight: 32, paddingTop: 5, paddingBottom: 5, lineHeight: 1.4 }} data-testid={`dossier-form-${k}`}>
          {t('dossiers.forms.number', { kind: k })} — {t(`dossiers.forms.${k}` as MessageKey)}
        </Button>
      ))}
    </Space>
  );
}
