// A version's attachments: download links for everyone who sees the version; upload and remove
// on drafts for drafters. The file goes as the raw request body; the server checks its type
// (PDF, DOCX, XLSX, PNG, JPEG) and size, and its messages are shown as they come.
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, List, Popconfirm, Typography, Upload } from 'antd';
import { ApiError } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { attachmentUrl, useRemoveAttachment, useUploadAttachment } from '../api';
import { formatInstant, formatSize, type Version } from '../model';

export function AttachmentsCard({ documentId, version, editable }: {
  documentId: number; version: Version; editable: boolean;
}) {
  const t = useT();
  const { message } = App.useApp();
  const uploadFile = useUploadAttachment();
  const remove = useRemoveAttachment();

  const uploadError = (error: unknown) => {
    // A body over the limit may be refused before the server can answer in JSON.
    if (error instanceof ApiError && error.status === 413 && !error.message) return t('documents.attach.tooLarge');
    return errorText(error, t);
  };

  return (
    <div data-testid="doc-attachments">
      {editable && (
        <Upload
          showUploadList={false}
          multiple={false}
          accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
          customRequest={({ file, onSuccess, onError }) => {
            uploadFile.mutate({ id: documentId, number: version.number, file: file as File }, {
              onSuccess: (a) => { onSuccess?.(a); void message.success(t('documents.attach.uploaded', { name: a.filename })); },
              onError: (error) => { onError?.(error as Error); void message.error(uploadError(error)); },
            });
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploadFile.isPending} data-testid="doc-attach-upload"
            style={{ marginBottom: 12 }}>
            {t('documents.attach.upload')}
          </Button>
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{t('documents.attach.hint')}</Typography.Text>
        </Upload>
      )}
      <List
        size="small"
        bordered
        dataSource={version.attachments}
        locale={{ emptyText: t('documents.attach.empty') }}
        renderItem={(a) => (
          <List.Item actions={[
            <a key="dl" href={attachmentUrl(documentId, version.number, a.sha256)} download={a.filename}>
              <DownloadOutlined /> {t('documents.attach.download')}
            </a>,
            ...(editable ? [
              <Popconfirm key="rm" title={t('documents.attach.removeConfirm', { name: a.filename })}
                okText={t('documents.attach.remove')} cancelText={t('app.action.cancel')}
                onConfirm={() => remove.mutate({ id: documentId, number: version.number, sha256: a.sha256 }, {
                  onError: (error) => void message.error(errorText(error, t)),
                })}>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('documents.attach.remove')} />
              </Popconfirm>,
            ] : []),
          ]}>
            <List.Item.Meta avatar={<PaperClipOutlined />} title={a.filename}
              description={`${formatSize(a.size)} · ${a.content_type} · ${formatInstant(a.uploaded_at)}`} />
          </List.Item>
        )}
      />
    </div>
  );
}
