import { Segmented } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import type { Language } from '../../i18n/language';

export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' | 'large' }) {
  const { language, setLanguage, t } = useI18n();
  return (
    <Segmented<Language>
      size={size}
      aria-label={t('app.header.language')}
      data-testid="language-switch"
      value={language}
      onChange={setLanguage}
      options={[
        { label: 'VI', value: 'vi' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
