import { Heading, Paragraph } from '@utrecht/component-library-react';
import { type ReactNode, useEffect } from 'react';
import { Link as RouterLink, type LinkProps } from 'react-router';
import { useT } from '../i18n.tsx';

/** Sets the document title and renders the page's one h1. */
export function PageTitle({ children, title }: { children?: ReactNode; title: string }) {
  useEffect(() => {
    document.title = `${title} – Wegwijs`;
  }, [title]);
  return <Heading level={1}>{children ?? title}</Heading>;
}

/** A router link that looks like an NL Design System link. */
export function AppLink(props: LinkProps) {
  return <RouterLink {...props} className={`utrecht-link utrecht-link--html-a ${props.className ?? ''}`} />;
}

export function Loading() {
  const t = useT();
  return <Paragraph role="status">{t('common.loading')}</Paragraph>;
}

/** A wide table scrolls on its own on a tablet; the scroll region is reachable by keyboard. */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1, axe scrollable-region-focusable)
    <section className="ww-table-scroll" aria-label={label} tabIndex={0}>{children}</section>
  );
}

/** A router link that looks like a primary (or secondary) button. */
export function AppButtonLink({ appearance = 'primary', ...props }: LinkProps & { appearance?: 'primary' | 'secondary' }) {
  return <RouterLink {...props} className={`utrecht-button-link utrecht-button-link--html-a utrecht-button-link--${appearance}-action`} />;
}
