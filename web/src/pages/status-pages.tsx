import { Paragraph } from '@utrecht/component-library-react';
import { AppLink, PageTitle } from '../components/page.tsx';
import { useT } from '../i18n.tsx';

export function NoAccessPage() {
  const t = useT();
  return (
    <>
      <PageTitle title={t('common.noAccess.title')} />
      <Paragraph>{t('common.noAccess.text')}</Paragraph>
      <Paragraph><AppLink to="/">{t('common.backHome')}</AppLink></Paragraph>
    </>
  );
}

export function NotFoundPage() {
  const t = useT();
  return (
    <>
      <PageTitle title={t('common.notFound.title')} />
      <Paragraph>{t('common.notFound.text')}</Paragraph>
      <Paragraph><AppLink to="/">{t('common.backHome')}</AppLink></Paragraph>
    </>
  );
}
