import { Heading, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import type { z } from 'zod';
import type { IndicationVersion } from '../../../../src/modules/indications/schemas.ts';
import { Loading, TableScroll } from '../../components/page.tsx';
import { useFormat, useT } from '../../i18n.tsx';
import type { Json } from '../../types.ts';
import { useData } from '../admin/use-data.ts';

type Version = Json<z.infer<typeof IndicationVersion>>;

/** Every version of one indication: what changed, the values, why, who and when (GET /api/v1/indications/{id}/versions). */
export function IndicationVersions({ indicationId, title }: { indicationId: string; title: string }) {
  const t = useT();
  const fmt = useFormat();
  const versions = useData<Version[]>(`/api/v1/indications/${encodeURIComponent(indicationId)}/versions`);
  if (!versions.data) return <Loading />;
  return (
    <>
      <Heading level={4}>{title}</Heading>
      <TableScroll label={title}>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('indications.versions.change')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('indications.provider')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('indications.product')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('indications.period')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('indications.volume')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('indications.versions.reason')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('indications.versions.by')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {versions.data.map((v) => (
              <TableRow key={v.version}>
                <TableCell>{t(`indications.versions.kind.${v.change}`)}</TableCell>
                <TableCell>{v.providerName}</TableCell>
                <TableCell>{v.productCode}</TableCell>
                <TableCell>{t('indications.range', { from: fmt.date(v.validFrom), to: fmt.date(v.validTo) })}</TableCell>
                <TableCell>{v.volume}</TableCell>
                <TableCell>{v.reason}</TableCell>
                <TableCell>{t('indications.versions.byWhen', { name: v.changedByName ?? '—', when: fmt.dateTime(v.changedAt) })}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableScroll>
    </>
  );
}
