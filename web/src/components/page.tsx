import { Heading, Paragraph } from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useLayoutEffect, useRef } from 'react';
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

/**
 * A wide table scrolls on its own on a tablet; the scroll region is reachable by keyboard. On a
 * phone (styles.css) each row becomes a card, every cell headed by its column's name, so no
 * action is cut off: the names are copied into `data-label` here, for every table a page puts in.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const labelCells = () => {
      // Explicit roles: a browser drops a table's semantics once CSS changes its display (the cards).
      for (const [sel, role] of [['table', 'table'], ['thead, tbody', 'rowgroup'], ['tr', 'row'], ['td', 'cell'], ['thead th', 'columnheader'], ['tbody th', 'rowheader']] as const) {
        for (const e of el.querySelectorAll(sel)) if (!e.hasAttribute('role')) e.setAttribute('role', role);
      }
      const heads = [...el.querySelectorAll('thead th')].map((th) => {
        const hidden = th.querySelector('.ww-visually-hidden');
        return hidden && hidden.textContent === th.textContent ? '' : (th.textContent ?? '').trim();
      });
      for (const tr of el.querySelectorAll('tbody tr')) {
        [...tr.children].forEach((cell, i) => {
          if (heads[i] && cell.getAttribute('data-label') !== heads[i]) cell.setAttribute('data-label', heads[i]!);
          else if (!heads[i]) cell.removeAttribute('data-label');
        });
      }
    };
    labelCells();
    // Rows come and go (loading, paging, filters); attribute changes are not observed, so no loop.
    const observer = new MutationObserver(labelCells);
    observer.observe(el, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, []);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1, axe scrollable-region-focusable)
    <section ref={ref} className="ww-table-scroll" aria-label={label} tabIndex={0}>{children}</section>
  );
}

/** A router link that looks like a primary (or secondary) button. */
export function AppButtonLink({ appearance = 'primary', ...props }: LinkProps & { appearance?: 'primary' | 'secondary' }) {
  return <RouterLink {...props} className={`utrecht-button-link utrecht-button-link--html-a utrecht-button-link--${appearance}-action`} />;
}
