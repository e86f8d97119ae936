import { Alert, Button, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { api } from '../../api.ts';
import { TableScroll } from '../../components/page.tsx';
import { conflictCurrent } from '../../components/version-conflict.tsx';
import { useProblemText, useT } from '../../i18n.tsx';
import type { District, PostcodeRange } from '../../types.ts';

type Draft = { id: string; from: string; to: string; districtId: string; version: number };

/** The postcode ranges, each one editable (or removable) on its own; the server refuses overlaps and names both ranges. */
export function PostcodeRangeTable({ ranges, districts, onChanged }: { ranges: PostcodeRange[]; districts: District[]; onChanged: () => void }) {
  const t = useT();
  const { forError } = useProblemText();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function act(work: () => Promise<string>) {
    try {
      setMessage({ ok: true, text: await work() });
      setDraft(null);
      setRemoving(null);
      onChanged();
    } catch (err) {
      // Someone else changed the range meanwhile: say what it is now; the draft stays, based on the new version, to save again.
      const current = conflictCurrent<PostcodeRange>(err);
      if (current) {
        setDraft((d) => d && d.id === current.id ? { ...d, version: current.version } : d);
        onChanged();
      }
      setMessage({ ok: false, text: current ? t('version.rangeChanged', { from: current.from, to: current.to, district: current.districtName }) : forError(err) });
    }
  }
  const save = (d: Draft) => act(async () => {
    const r = await api.put<PostcodeRange>(`/api/v1/postcode-ranges/${d.id}`, { from: d.from, to: d.to, districtId: d.districtId }, { version: d.version });
    return t('admin.districts.rangeSaved', { from: r.from, to: r.to, district: r.districtName });
  });
  const remove = (r: PostcodeRange) => act(async () => {
    await api.delete(`/api/v1/postcode-ranges/${r.id}`);
    return t('admin.districts.rangeRemoved', { from: r.from, to: r.to, district: r.districtName });
  });

  return (
    <>
      <div role="status">{message && <Alert type={message.ok ? 'ok' : 'error'}><Paragraph>{message.text}</Paragraph></Alert>}</div>
      <TableScroll label={t('admin.districts.rangesTitle')}>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('admin.districts.from')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('admin.districts.to')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('admin.districts.district')}</TableHeaderCell>
              <TableHeaderCell scope="col"><span className="ww-visually-hidden">{t('common.actions')}</span></TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {ranges.map((r) => {
              const name = `${r.from} – ${r.to}`;
              if (draft?.id === r.id) {
                return (
                  <TableRow key={r.id}>
                    <TableCell><input className="utrecht-textbox utrecht-textbox--html-input ww-postcode-input" aria-label={t('admin.districts.fromFor', { range: name })}
                      value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} autoComplete="off" /></TableCell>
                    <TableCell><input className="utrecht-textbox utrecht-textbox--html-input ww-postcode-input" aria-label={t('admin.districts.toFor', { range: name })}
                      value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} autoComplete="off" /></TableCell>
                    <TableCell>
                      <select className="utrecht-select utrecht-select--html-select" aria-label={t('admin.districts.districtFor', { range: name })}
                        value={draft.districtId} onChange={(e) => setDraft({ ...draft, districtId: e.target.value })}>
                        {districts.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
                      </select>
                    </TableCell>
                    <TableCell>
                      <span className="ww-row-actions">
                        <Button type="button" appearance="primary-action-button" onClick={() => void save(draft)}>{t('common.save')}</Button>
                        <Button type="button" appearance="subtle-button" onClick={() => setDraft(null)}>{t('common.cancel')}</Button>
                      </span>
                    </TableCell>
                  </TableRow>
                );
              }
              return (
                <TableRow key={r.id}>
                  <TableCell>{r.from}</TableCell>
                  <TableCell>{r.to}</TableCell>
                  <TableCell>{r.districtName}</TableCell>
                  <TableCell>
                    <span className="ww-row-actions">
                      {removing === r.id ? (
                        <>
                          <Button type="button" appearance="secondary-action-button" onClick={() => void remove(r)}>{t('admin.districts.removeConfirm', { range: name })}</Button>
                          <Button type="button" appearance="subtle-button" onClick={() => setRemoving(null)}>{t('common.cancel')}</Button>
                        </>
                      ) : (
                        <>
                          <Button type="button" appearance="subtle-button" aria-label={t('admin.districts.editFor', { range: name, district: r.districtName })}
                            onClick={() => { setRemoving(null); setDraft({ id: r.id, from: r.from, to: r.to, districtId: r.districtId, version: r.version }); }}>{t('admin.districts.edit')}</Button>
                          <Button type="button" appearance="subtle-button" aria-label={t('admin.districts.removeFor', { range: name, district: r.districtName })}
                            onClick={() => { setDraft(null); setRemoving(r.id); }}>{t('admin.districts.remove')}</Button>
                        </>
                      )}
                    </span>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableScroll>
    </>
  );
}
