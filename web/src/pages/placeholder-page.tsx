import { Paragraph } from '@utrecht/component-library-react';
import { PageTitle } from '../components/page.tsx';
import { useT } from '../i18n.tsx';

/** A page of a later issue: replace the route's element in routes.tsx when it lands. */
export function PlaceholderPage({ title }: { title: string }) {
  const t = useT();
  return (
    <>
      <PageTitle title={t(title)} />
      <Paragraph>{t('common.placeholder')}</Paragraph>
    </>
  );
}
