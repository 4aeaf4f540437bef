import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n/I18nProvider';

export function NotFoundPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('app.notFound.title')}
      subTitle={t('app.notFound.text')}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t('app.notFound.home')}</Button>}
    />
  );
}
