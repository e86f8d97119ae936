import { Alert, Button, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import { ApiError } from '../api.ts';
import { useT } from '../i18n.tsx';
import { TableScroll } from './page.tsx';

/**
 * Optimistic concurrency in the UI (docs/architecture.md "Versions and If-Match"): a form sends
 * the version it loaded; when someone else saved in between, the API answers 412
 * version_conflict with the current record. The form then shows what changed and lets the user
 * load the new version or apply their own edits on top of it; nothing they typed is lost.
 */

/** The current record from a 412 version_conflict, or null for any other error. */
export function conflictCurrent<T>(err: unknown): T | null {
  if (!(err instanceof ApiError) || err.status !== 412 || err.code !== 'version_conflict') return null;
  return (err.problem.current as T | undefined) ?? null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The user's edits (where `mine` differs from what they loaded) on top of the current record. */
export function reapply<S extends Record<string, unknown>>(loaded: S, current: S, mine: S): S {
  const out = { ...current };
  for (const k of Object.keys(mine) as (keyof S)[]) if (!same(mine[k], loaded[k])) out[k] = mine[k];
  return out;
}

/** The fields someone else changed: what the user loaded, what is there now, and what the user entered. */
export type Difference = { field: string; label: string; loaded: string; current: string; mine: string };
export function differences<S extends Record<string, unknown>>(loaded: S, current: S, mine: S, labels: Record<string, string>, show: (field: string, v: unknown) => string): Difference[] {
  return Object.keys(labels).filter((k) => !same(loaded[k], current[k]))
    .map((k) => ({ field: k, label: labels[k]!, loaded: show(k, loaded[k]), current: show(k, current[k]), mine: show(k, mine[k]) }));
}

/** The message, the table of differences and the two ways on. */
export function VersionConflict({ id, differences: diffs, onReload, onReapply }: { id: string; differences: Difference[]; onReload: () => void; onReapply: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const empty = (v: string) => v || t('version.empty');
  return (
    <div ref={ref} tabIndex={-1} id={id} className="ww-banner">
      <Alert type="warning">
        <Heading level={2} appearance="utrecht-heading-4">{t('version.title')}</Heading>
        <Paragraph>{diffs.length ? t('version.text') : t('version.textNoFields')}</Paragraph>
        {diffs.length > 0 && (
          <TableScroll label={t('version.tableLabel')}>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('version.field')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('version.loaded')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('version.current')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('version.mine')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {diffs.map((d) => (
                  <TableRow key={d.field}>
                    <TableHeaderCell scope="row">{d.label}</TableHeaderCell>
                    <TableCell>{empty(d.loaded)}</TableCell>
                    <TableCell>{empty(d.current)}</TableCell>
                    <TableCell>{empty(d.mine)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableScroll>
        )}
        <Paragraph>{t('version.choose')}</Paragraph>
        <div className="ww-actions">
          <Button type="button" appearance="primary-action-button" onClick={onReapply}>{t('version.reapply')}</Button>
          <Button type="button" appearance="secondary-action-button" onClick={onReload}>{t('version.reload')}</Button>
        </div>
      </Alert>
    </div>
  );
}
