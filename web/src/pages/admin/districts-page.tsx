import { Alert, Button, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { api } from '../../api.ts';
import { Loading, PageTitle, TableScroll } from '../../components/page.tsx';
import { conflictCurrent } from '../../components/version-conflict.tsx';
import { useProblemText, useT } from '../../i18n.tsx';
import type { District, Named, PostcodeRange, Team } from '../../types.ts';
import { PostcodeRangeTable } from './postcode-range-table.tsx';
import { PostcodeImport, PostcodeLookupTester } from './postcode-sections.tsx';
import { useData } from './use-data.ts';

/** Wijken en postcodes: which team serves each district, the postcode ranges, CSV import and a lookup tester. */
export function DistrictsPage() {
  const t = useT();
  const districts = useData<District[]>('/api/v1/districts');
  const teams = useData<Team[]>('/api/v1/teams');
  const ranges = useData<PostcodeRange[]>('/api/v1/postcode-ranges');

  return (
    <>
      <PageTitle title={t('admin.districts.title')} />
      <Paragraph>{t('admin.districts.intro')}</Paragraph>
      <section aria-labelledby="districts-title">
        <Heading level={2} id="districts-title">{t('admin.districts.districtsTitle')}</Heading>
        {!districts.data || !teams.data ? <Loading /> : <DistrictTable districts={districts.data} teams={teams.data} onSaved={districts.reload} />}
      </section>
      <section aria-labelledby="lookup-title">
        <PostcodeLookupTester />
      </section>
      <section aria-labelledby="import-title">
        <PostcodeImport onImported={ranges.reload} />
      </section>
      <section aria-labelledby="ranges-title">
        <Heading level={2} id="ranges-title">{t('admin.districts.rangesTitle')}</Heading>
        {!ranges.data || !districts.data ? <Loading /> : ranges.data.length === 0 ? <Paragraph>{t('admin.districts.noRanges')}</Paragraph>
          : <PostcodeRangeTable ranges={ranges.data} districts={districts.data} onChanged={ranges.reload} />}
      </section>
    </>
  );
}

function DistrictTable({ districts, teams, onSaved }: { districts: District[]; teams: Team[]; onSaved: () => void }) {
  const t = useT();
  const { forError } = useProblemText();
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const neighbourhoodTeams = teams.filter((tm) => tm.kind === 'neighbourhood_team' && tm.active);

  async function save(d: District) {
    const teamId = choice[d.id] ?? d.teamId ?? '';
    try {
      await api.put<Named>(`/api/v1/districts/${d.id}`, { name: d.name, areaId: d.areaId, teamId: teamId || null }, { version: d.version });
      const teamName = neighbourhoodTeams.find((tm) => tm.id === teamId)?.name ?? t('admin.districts.noTeam');
      setMessage({ ok: true, text: t('admin.districts.saved', { district: d.name, team: teamName }) });
      onSaved();
    } catch (err) {
      // Another admin saved this district meanwhile: say what it is now; the choice stays selected, to save again or change.
      const current = conflictCurrent<District>(err);
      const nameOf = (id: string | null) => neighbourhoodTeams.find((tm) => tm.id === id)?.name ?? t('admin.districts.noTeam');
      setMessage({ ok: false, text: current ? t('version.districtChanged', { district: current.name, team: nameOf(current.teamId), choice: nameOf(teamId || null) }) : forError(err) });
      if (current) onSaved();
    }
  }

  return (
    <>
      <div role="status">{message && <Alert type={message.ok ? 'ok' : 'error'}><Paragraph>{message.text}</Paragraph></Alert>}</div>
      <TableScroll label={t('admin.districts.districtsTitle')}>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('admin.districts.district')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('admin.districts.area')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('admin.districts.team')}</TableHeaderCell>
              <TableHeaderCell scope="col"><span className="ww-visually-hidden">{t('common.actions')}</span></TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {districts.map((d) => (
              <TableRow key={d.id}>
                <TableCell>{d.name}</TableCell>
                <TableCell>{d.areaName}</TableCell>
                <TableCell>
                  <select className="utrecht-select utrecht-select--html-select" aria-label={t('admin.districts.teamFor', { district: d.name })}
                    value={choice[d.id] ?? d.teamId ?? ''} onChange={(e) => setChoice({ ...choice, [d.id]: e.target.value })}>
                    <option value="">{t('admin.districts.noTeam')}</option>
                    {neighbourhoodTeams.map((tm) => <option key={tm.id} value={tm.id}>{tm.name}</option>)}
                  </select>
                </TableCell>
                <TableCell>
                  <Button type="button" appearance="subtle-button" onClick={() => void save(d)}
                    disabled={(choice[d.id] ?? d.teamId ?? '') === (d.teamId ?? '')}
                    aria-label={t('admin.districts.saveFor', { district: d.name })}>{t('common.save')}</Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableScroll>
    </>
  );
}
