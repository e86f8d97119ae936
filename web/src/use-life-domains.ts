/**
 * The configured life domains (GET /api/v1/life-domains; a municipality adds its own), fetched once
 * per page load. Until they arrive, Rotterdam's nine defaults stand in, so forms never start empty.
 */
import { useEffect, useState } from 'react';
import { LIFE_DOMAINS, lifeDomainLabels } from '../../src/modules/intake/life-domains.ts';
import type { LifeDomainView } from '../../src/modules/intake/schemas.ts';
import { api } from './api.ts';
import { useI18n } from './i18n.tsx';

const defaults: LifeDomainView[] = LIFE_DOMAINS.map((code, i) => ({
  code, labelNl: lifeDomainLabels[code].nl, labelEn: lifeDomainLabels[code].en, position: (i + 1) * 10, active: true,
}));
let loaded: Promise<LifeDomainView[]> | null = null;

export function useLifeDomains() {
  const { lang } = useI18n();
  const [all, setAll] = useState<LifeDomainView[]>(defaults);
  useEffect(() => {
    let live = true;
    loaded ??= api.get<LifeDomainView[]>('/api/v1/life-domains', { query: { all: 'true' } }).catch(() => { loaded = null; return defaults; });
    void loaded.then((l) => { if (live) setAll(l); });
    return () => { live = false; };
  }, []);
  const labelOf = (d: LifeDomainView) => (lang === 'en' ? d.labelEn : d.labelNl);
  return {
    /** Choices for a form: the active domains, in their order. */
    options: all.filter((d) => d.active).map((d) => ({ value: d.code, label: labelOf(d) })),
    /** A stored code in words (also a domain switched off since). */
    label: (code: string) => {
      const d = all.find((x) => x.code === code) ?? defaults.find((x) => x.code === code);
      return d ? labelOf(d) : code;
    },
  };
}
