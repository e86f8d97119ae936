import { Alert, Button, Fieldset, FieldsetLegend, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { api } from '../../api.ts';
import { RadioGroup, SelectField, SingleCheckbox, TextField, useFormErrors } from '../../components/form.tsx';
import { Loading, PageTitle, TableScroll } from '../../components/page.tsx';
import { conflictCurrent, differences, reapply, VersionConflict } from '../../components/version-conflict.tsx';
import { useProblemText, useT } from '../../i18n.tsx';
import type { DeskType, Named, Team, TeamKind } from '../../types.ts';
import { useData } from './use-data.ts';

const DESK_TYPES: DeskType[] = ['vraagwijzer', 'cov', 'jongerenloket', 'cjg'];

export function TeamsPage() {
  const t = useT();
  const { forError } = useProblemText();
  const teams = useData<Team[]>('/api/v1/teams');
  const regions = useData<Named[]>('/api/v1/regions');
  const [editing, setEditing] = useState<Team | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const formRef = useRef<HTMLElement>(null);

  const edit = (team: Team | null) => {
    setEditing(team);
    setNotice(null);
    requestAnimationFrame(() => formRef.current?.querySelector('input')?.focus());
  };

  return (
    <>
      <PageTitle title={t('admin.teams.title')} />
      <Paragraph>{t('admin.teams.intro')}</Paragraph>
      <div role="status">{notice && <Alert type="ok"><Paragraph>{notice}</Paragraph></Alert>}</div>
      {teams.error ? <Alert type="error"><Paragraph>{forError(teams.error)}</Paragraph></Alert> : null}
      {!teams.data || !regions.data ? <Loading /> : (
        <>
          <TableScroll label={t('admin.teams.title')}>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('admin.teams.name')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('admin.teams.kind')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('admin.teams.regionOrDesk')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('admin.teams.active')}</TableHeaderCell>
                  <TableHeaderCell scope="col"><span className="ww-visually-hidden">{t('common.actions')}</span></TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {teams.data.map((tm) => (
                  <TableRow key={tm.id}>
                    <TableCell>{tm.name}</TableCell>
                    <TableCell>{t(`admin.teams.kindValue.${tm.kind}`)}</TableCell>
                    <TableCell>{tm.kind === 'desk' ? (tm.deskType ? t(`admin.teams.deskType.${tm.deskType}`) : '') : tm.regionName}
                      {tm.routeMinAge !== null && tm.routeMaxAge !== null && <> {t('admin.teams.agesShort', { min: tm.routeMinAge, max: tm.routeMaxAge })}</>}</TableCell>
                    <TableCell>{tm.active ? t('common.yes') : t('common.no')}</TableCell>
                    <TableCell>
                      <Button type="button" appearance="subtle-button" onClick={() => edit(tm)} aria-label={t('admin.teams.editLabel', { name: tm.name })}>
                        {t('common.edit')}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableScroll>
          <section ref={formRef} aria-labelledby="team-form-title">
            <TeamForm key={editing?.id ?? 'new'} team={editing} regions={regions.data}
              onDone={(name, created) => {
                setNotice(t(created ? 'admin.teams.created' : 'admin.teams.updated', { name }));
                setEditing(null);
                teams.reload();
              }}
              onCancel={() => edit(null)} />
          </section>
        </>
      )}
    </>
  );
}

type Fields = { name: string; kind: TeamKind; deskType: string; regionId: string; routeMinAge: string; routeMaxAge: string; active: boolean };
const fieldsOf = (tm: Team): Fields => ({ name: tm.name, kind: tm.kind, deskType: tm.deskType ?? '', regionId: tm.regionId ?? '',
  routeMinAge: tm.routeMinAge?.toString() ?? '', routeMaxAge: tm.routeMaxAge?.toString() ?? '', active: tm.active });
const AGE = /^\d{1,3}$/;

function TeamForm({ team, regions, onDone, onCancel }: { team: Team | null; regions: Named[]; onDone: (name: string, created: boolean) => void; onCancel: () => void }) {
  const t = useT();
  const [name, setName] = useState(team?.name ?? '');
  const [kind, setKind] = useState<TeamKind>(team?.kind ?? 'neighbourhood_team');
  const [deskType, setDeskType] = useState<string>(team?.deskType ?? '');
  const [regionId, setRegionId] = useState<string>(team?.regionId ?? '');
  const [routeMinAge, setRouteMinAge] = useState(team?.routeMinAge?.toString() ?? '');
  const [routeMaxAge, setRouteMaxAge] = useState(team?.routeMaxAge?.toString() ?? '');
  const [active, setActive] = useState(team?.active ?? true);
  // The team as the form loaded it (its version goes along in If-Match), and what another admin saved meanwhile.
  const [base, setBase] = useState(team);
  const [conflict, setConflict] = useState<Team | null>(null);
  const labels = useMemo(() => ({ name: t('admin.teams.name'), kind: t('admin.teams.kind'), deskType: t('admin.teams.deskTypeLabel'), regionId: t('admin.teams.region'),
    routeMinAge: t('admin.teams.routeMinAge'), routeMaxAge: t('admin.teams.routeMaxAge') }), [t]);
  const form = useFormErrors('team', labels);
  const mine = (): Fields => ({ name, kind, deskType, regionId, routeMinAge, routeMaxAge, active });
  const fill = (f: Fields) => { setName(f.name); setKind(f.kind); setDeskType(f.deskType); setRegionId(f.regionId);
    setRouteMinAge(f.routeMinAge); setRouteMaxAge(f.routeMaxAge); setActive(f.active); };
  const show = (field: string, v: unknown) => field === 'kind' ? t(`admin.teams.kindValue.${v}`) : field === 'deskType' ? (v ? t(`admin.teams.deskType.${v}`) : '')
    : field === 'regionId' ? (regions.find((r) => r.id === v)?.name ?? '') : typeof v === 'boolean' ? t(v ? 'common.yes' : 'common.no') : String(v ?? '');
  const conflictLabels = { ...labels, active: t('admin.teams.activeLabel') };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (name.trim().length < 2) errs.name = t('admin.teams.nameRequired');
    if (kind === 'desk' && !deskType) errs.deskType = t('admin.teams.deskTypeRequired');
    if (kind === 'neighbourhood_team' && !regionId) errs.regionId = t('admin.teams.regionRequired');
    const [min, max] = [routeMinAge.trim(), routeMaxAge.trim()];
    if (kind === 'desk' && (min || max)) {
      if (!AGE.test(min)) errs.routeMinAge = t('admin.teams.ageRequired');
      if (!AGE.test(max)) errs.routeMaxAge = t('admin.teams.ageRequired');
      else if (AGE.test(min) && Number(min) > Number(max)) errs.routeMaxAge = t('admin.teams.agesOrder');
    }
    if (Object.keys(errs).length) return form.fail(errs);
    const ages = kind === 'desk' && min && max ? { routeMinAge: Number(min), routeMaxAge: Number(max) } : { routeMinAge: null, routeMaxAge: null };
    const body = { name: name.trim(), kind, deskType: kind === 'desk' ? deskType : null, regionId: kind === 'neighbourhood_team' ? regionId : null, ...ages, ...(team ? { active } : {}) };
    await form.run(async () => {
      try {
        const saved = base ? await api.put<Named>(`/api/v1/teams/${base.id}`, body, { version: base.version }) : await api.post<Named>('/api/v1/teams', body);
        onDone(saved.name, !team);
      } catch (err) {
        const current = conflictCurrent<Team>(err);
        if (!current) throw err;
        setConflict(current);
      }
    });
  }

  return (
    <>
      <Heading level={2} id="team-form-title">{team ? t('admin.teams.editTitle', { name: team.name }) : t('admin.teams.newTitle')}</Heading>
      {base && conflict && (
        <VersionConflict id="team-conflict" differences={differences(fieldsOf(base), fieldsOf(conflict), mine(), conflictLabels, show)}
          onReload={() => { fill(fieldsOf(conflict)); setBase(conflict); setConflict(null); }}
          onReapply={() => { fill(reapply(fieldsOf(base), fieldsOf(conflict), mine())); setBase(conflict); setConflict(null); }} />
      )}
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        <TextField {...form.field('name')} value={name} onChange={setName} required />
        <RadioGroup {...form.field('kind')} value={kind} onChange={(v) => setKind(v as TeamKind)}
          options={[{ value: 'neighbourhood_team', label: t('admin.teams.kindValue.neighbourhood_team') }, { value: 'desk', label: t('admin.teams.kindValue.desk') }]} />
        {kind === 'desk'
          ? <SelectField {...form.field('deskType')} value={deskType} onChange={setDeskType} emptyLabel={t('common.choose')}
              options={DESK_TYPES.map((d) => ({ value: d, label: t(`admin.teams.deskType.${d}`) }))} required />
          : <SelectField {...form.field('regionId')} value={regionId} onChange={setRegionId} emptyLabel={t('common.choose')}
              options={regions.map((r) => ({ value: r.id, label: r.name }))} required />}
        {kind === 'desk' && (
          <Fieldset className="ww-fieldset">
            <FieldsetLegend>{t('admin.teams.agesLegend')}</FieldsetLegend>
            <Paragraph>{t('admin.teams.agesHelp')}</Paragraph>
            <TextField {...form.field('routeMinAge')} value={routeMinAge} onChange={setRouteMinAge} inputMode="numeric" maxLength={3} />
            <TextField {...form.field('routeMaxAge')} value={routeMaxAge} onChange={setRouteMaxAge} inputMode="numeric" maxLength={3} />
          </Fieldset>
        )}
        {team && <SingleCheckbox id="team-active" label={t('admin.teams.activeLabel')} checked={active} onChange={setActive} />}
        <div className="ww-actions">
          <Button type="submit" appearance="primary-action-button">{team ? t('common.save') : t('admin.teams.create')}</Button>
          {team && <Button type="button" appearance="subtle-button" onClick={onCancel}>{t('common.cancel')}</Button>}
        </div>
      </form>
    </>
  );
}
