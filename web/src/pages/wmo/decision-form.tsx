import { Button, Fieldset, FieldsetLegend, Heading, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useMemo, useState } from 'react';
import type { WmoNotificationView } from '../../../../src/modules/wmo/schemas.ts';
import { api } from '../../api.ts';
import { RadioGroup, SelectField, SingleCheckbox, TextareaField, TextField, useFormErrors } from '../../components/form.tsx';
import { useT } from '../../i18n.tsx';

type Named = { id: string; name: string; active: boolean; category?: string };
type Line = {
  productId: string; granted: string; reasoning: string; result: string; volume: string; validFrom: string; validTo: string; form: string; providerId: string;
  managesBudget: boolean; motivated: boolean; qualityAssured: boolean; budget: string;
};
const emptyLine = (): Line => ({ productId: '', granted: '', reasoning: '', result: '', volume: '', validFrom: '', validTo: '', form: '', providerId: '',
  managesBudget: false, motivated: false, qualityAssured: false, budget: '' });
const LINE_FIELDS = ['productId', 'granted', 'reasoning', 'result', 'volume', 'validFrom', 'validTo', 'form', 'providerId', 'pgb'] as const;

/** "1.234,56" or "1234.56" euros → eurocents; NaN when it is no amount. */
const cents = (s: string) => Math.round(Number(s.replace(/\./g, '').replace(',', '.')) * 100);

/**
 * The beschikking's content (issue 17): per requested provision grant or refusal with its reasoning;
 * for a grant the result, volume, period, and ZIN with provider or PGB with its three conditions.
 * The server checks it all (decision.ts); the form sends what was filled in.
 */
export function DecisionForm({ melding, onDone }: { melding: WmoNotificationView; onDone: (next: WmoNotificationView) => void }) {
  const t = useT();
  const [products, setProducts] = useState<Named[]>([]);
  const [providers, setProviders] = useState<Named[]>([]);
  const [lines, setLines] = useState<Line[]>([emptyLine()]);
  const [contributionNotice, setContributionNotice] = useState('');
  useEffect(() => {
    void Promise.all([api.get<Named[]>('/api/v1/products'), api.get<Named[]>('/api/v1/providers')]).then(([p, v]) => {
      setProducts(p.filter((x) => x.active && x.category === 'WMO'));
      setProviders(v.filter((x) => x.active));
    });
  }, []);
  const labels = useMemo(() => {
    const l: Record<string, string> = { contributionNotice: t('wmo.decision.contributionNotice') };
    lines.forEach((_, i) => {
      for (const f of LINE_FIELDS) l[`decision.lines.${i}.${f}`] = `${t('wmo.decision.line', { n: i + 1 })}: ${t(`wmo.decision.${f === 'pgb' ? 'pgbConditions' : f === 'productId' ? 'product' : f === 'providerId' ? 'provider' : f}`)}`;
    });
    l['decision.contributionNotice'] = l.contributionNotice!;
    return l;
  }, [lines, t]);
  const form = useFormErrors('decision', labels);
  const set = (i: number, change: Partial<Line>) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...change } : l)));

  async function submit() {
    const missing: Record<string, string> = {};
    lines.forEach((l, i) => {
      if (!l.productId) missing[`decision.lines.${i}.productId`] = t('wmo.decision.choose');
      if (!l.granted) missing[`decision.lines.${i}.granted`] = t('wmo.decision.choose');
    });
    if (Object.keys(missing).length) return form.fail(missing);
    await form.run(async () => {
      const decision = {
        contributionNotice,
        lines: lines.map((l) => {
          const granted = l.granted === 'yes';
          if (!granted) return { productId: l.productId, granted, reasoning: l.reasoning };
          return { productId: l.productId, granted, reasoning: l.reasoning, result: l.result || undefined, volume: l.volume ? Number(l.volume) : undefined,
            validFrom: l.validFrom || undefined, validTo: l.validTo || undefined, form: l.form || undefined,
            providerId: l.form === 'ZIN' && l.providerId ? l.providerId : undefined,
            pgb: l.form === 'PGB' ? { managesBudget: l.managesBudget, motivated: l.motivated, qualityAssured: l.qualityAssured, budgetEurocents: cents(l.budget) } : undefined };
        }),
      };
      onDone(await api.post<WmoNotificationView>(`/api/v1/wmo-notifications/${melding.id}/actions`, { type: 'decide', decision },
        { version: melding.version, headers: { 'idempotency-key': `decide-${melding.id}-${melding.version}` } }));
    });
  }

  const f = (i: number, name: (typeof LINE_FIELDS)[number]) => form.field(`decision.lines.${i}.${name}`);
  return (
    <section aria-labelledby="decision-title">
      <Heading level={2} id="decision-title">{t('wmo.decision.title')}</Heading>
      <Paragraph>{t('wmo.decision.intro')}</Paragraph>
      {form.summary}
      <div className="ww-form">
        {lines.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id until saved; they are only added at the end or removed
          <Fieldset key={i} className="ww-fieldset">
            <FieldsetLegend>{t('wmo.decision.line', { n: i + 1 })}</FieldsetLegend>
            <SelectField {...f(i, 'productId')} label={t('wmo.decision.product')} required value={l.productId} onChange={(v) => set(i, { productId: v })}
              emptyLabel={t('wmo.decision.choose')} options={products.map((p) => ({ value: p.id, label: p.name }))} />
            <RadioGroup {...f(i, 'granted')} label={t('wmo.decision.granted')} required value={l.granted} onChange={(v) => set(i, { granted: v })}
              options={[{ value: 'yes', label: t('wmo.decision.grant') }, { value: 'no', label: t('wmo.decision.refuse') }]} />
            <TextareaField {...f(i, 'reasoning')} label={t('wmo.decision.reasoning')} required value={l.reasoning} onChange={(v) => set(i, { reasoning: v })} rows={3} />
            {l.granted === 'yes' && (
              <>
                <TextField {...f(i, 'result')} label={t('wmo.decision.result')} required value={l.result} onChange={(v) => set(i, { result: v })} />
                <TextField {...f(i, 'volume')} label={t('wmo.decision.volume')} required inputMode="numeric" value={l.volume} onChange={(v) => set(i, { volume: v })} />
                <TextField {...f(i, 'validFrom')} label={t('wmo.decision.validFrom')} required type="date" value={l.validFrom} onChange={(v) => set(i, { validFrom: v })} />
                <TextField {...f(i, 'validTo')} label={t('wmo.decision.validTo')} required type="date" value={l.validTo} onChange={(v) => set(i, { validTo: v })} />
                <RadioGroup {...f(i, 'form')} label={t('wmo.decision.form')} required value={l.form} onChange={(v) => set(i, { form: v })}
                  options={[{ value: 'ZIN', label: t('wmo.decision.zin') }, { value: 'PGB', label: t('wmo.decision.pgb') }]} />
                {l.form === 'ZIN' && (
                  <SelectField {...f(i, 'providerId')} label={t('wmo.decision.provider')} required value={l.providerId} onChange={(v) => set(i, { providerId: v })}
                    emptyLabel={t('wmo.decision.choose')} options={providers.map((p) => ({ value: p.id, label: p.name }))} />
                )}
                {l.form === 'PGB' && (
                  <Fieldset className="ww-fieldset" id={f(i, 'pgb').id} tabIndex={-1}>
                    <FieldsetLegend>{t('wmo.decision.pgbConditions')}</FieldsetLegend>
                    {f(i, 'pgb').error && <Paragraph className="utrecht-form-field-error-message">{f(i, 'pgb').error}</Paragraph>}
                    <SingleCheckbox id={`decision-${i}-managesBudget`} label={t('wmo.decision.managesBudget')} checked={l.managesBudget} onChange={(v) => set(i, { managesBudget: v })} />
                    <SingleCheckbox id={`decision-${i}-motivated`} label={t('wmo.decision.motivated')} checked={l.motivated} onChange={(v) => set(i, { motivated: v })} />
                    <SingleCheckbox id={`decision-${i}-qualityAssured`} label={t('wmo.decision.qualityAssured')} checked={l.qualityAssured} onChange={(v) => set(i, { qualityAssured: v })} />
                    <TextField id={`decision-${i}-budget`} label={t('wmo.decision.budget')} required inputMode="text" value={l.budget} onChange={(v) => set(i, { budget: v })} />
                  </Fieldset>
                )}
              </>
            )}
            {lines.length > 1 && (
              <Button appearance="secondary-action-button" onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}>{t('wmo.decision.removeLine', { n: i + 1 })}</Button>
            )}
          </Fieldset>
        ))}
        <Button appearance="secondary-action-button" onClick={() => setLines((ls) => [...ls, emptyLine()])}>{t('wmo.decision.addLine')}</Button>
        <TextareaField {...form.field('decision.contributionNotice')} label={t('wmo.decision.contributionNotice')} required value={contributionNotice}
          onChange={setContributionNotice} rows={3} />
        <Button appearance="primary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void submit()}>{t('wmo.decision.submit')}</Button>
      </div>
    </section>
  );
}
