import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useLang, useT } from '../i18n.tsx';

/** Shows the other language's name: clicking it switches to that language. */
export function LangSwitch() {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      data-testid="lang-switch"
    >
      {t('app.langSwitch')}
    </Button>
  );
}
