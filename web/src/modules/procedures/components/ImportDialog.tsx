// Catalog import: the file is checked first (dry run), showing the report line by line or "N
// ready"; only then is it imported for real. Province-wide administrators only (the server says so).
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Radio, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useImport } from '../api';
import type { CatalogFormat, ImportProblem, ImportReport } from '../model';

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const run = useImport();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<CatalogFormat>('csv');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const go = (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    run.mutate({ file, format, dryRun }, {
      onSuccess: (r) => {
        if (!dryRun && r.ok) {
          void message.success(t('procedures.import.done', { imported: r.imported, unchanged: r.unchanged }));
          onClose();
          return;
        }
        setReport(r);
      },
      onError: (e) => setError(errorText(e, t)),
    });
  };

  const ready = report?.ok && report.dry_run;
  return (
    <Modal open width={860} title={t('procedures.import.title')} onCancel={onClose} maskClosable={false}
      footer={[
        <Button key="close" onClick={onClose}>{t('app.action.close')}</Button>,
        <Button key="check" disabled={!file} loading={run.isPending && run.variables?.dryRun} onClick={() => go(true)}
          data-testid="proc-import-check">{t('procedures.import.check')}</Button>,
        <Button key="run" type="primary" disabled={!ready} loading={run.isPending && !run.variables?.dryRun}
          onClick={() => go(false)} data-testid="proc-import-run">
          {ready ? t('procedures.import.run', { count: report.records }) : t('procedures.import.button')}
        </Button>,
      ]}>
      <Typography.Paragraph type="secondary">{t('procedures.import.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Upload accept=".csv,.json,text/csv,application/json" maxCount={1} showUploadList={false}
          beforeUpload={(f) => {
            setFile(f); setReport(null); setError(null);
            setFormat(f.name.toLowerCase().endsWith('.json') ? 'json' : 'csv');
            return false;
          }}>
          <Button icon={<UploadOutlined />} data-testid="proc-import-file">{t('procedures.import.choose')}</Button>
        </Upload>
        {file && <Typography.Text>{file.name}</Typography.Text>}
        <span>{t('procedures.import.format')}:</span>
        <Radio.Group value={format} onChange={(e) => { setFormat(e.target.value as CatalogFormat); setReport(null); }}
          options={[{ value: 'csv', label: 'CSV' }, { value: 'json', label: 'JSON' }]} />
      </Space>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {report && report.ok && (
        <Alert type="success" showIcon data-testid="proc-import-ready"
          message={t('procedures.import.ready', { count: report.records, imported: report.imported, unchanged: report.unchanged })} />
      )}
      {report && !report.ok && (
        <>
          <Alert type="error" showIcon style={{ marginBottom: 12 }}
            message={t('procedures.import.problems', { count: report.problems.length })} />
          <Table<ImportProblem> size="small" rowKey={(p, i) => `${p.line}-${p.field}-${i}`} dataSource={report.problems}
            pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid="proc-import-problems"
            columns={[
              { title: t('procedures.import.line'), dataIndex: 'line', width: 70 },
              { title: t('procedures.import.field'), dataIndex: 'field', width: 150 },
              { title: t('procedures.import.problem'), dataIndex: 'problem', width: 220,
                render: (p: string) => <Typography.Text code>{p}</Typography.Text> },
              { title: t('procedures.import.message'), dataIndex: 'message' },
            ]} />
        </>
      )}
    </Modal>
  );
}
