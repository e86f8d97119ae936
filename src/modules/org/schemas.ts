/** Response shapes of the organisation API (areas, regions, teams, districts, postcodes). Pure (zod only): the UI imports its types from here. */
import { z } from 'zod';

export const TeamKind = z.enum(['neighbourhood_team', 'desk']);
export type TeamKind = z.infer<typeof TeamKind>;
export const DeskType = z.enum(['vraagwijzer', 'cov', 'jongerenloket', 'cjg']);
export type DeskType = z.infer<typeof DeskType>;

export const Named = z.object({ id: z.uuid(), name: z.string() });
export type Named = z.infer<typeof Named>;

export const Team = z.object({ id: z.uuid(), name: z.string(), kind: TeamKind,
  deskType: DeskType.nullable(), regionId: z.uuid().nullable(), regionName: z.string().nullable(), active: z.boolean(),
  /** A desk's age band for the city-desk route (contact outcome 5), both ends inclusive: the Jongerenloket's 16–27. */
  routeMinAge: z.number().int().nullable(), routeMaxAge: z.number().int().nullable(),
  /** Send it back in If-Match when changing the team (docs/architecture.md "Versions and If-Match"). */
  version: z.number().int() });
export type Team = z.infer<typeof Team>;

export const District = z.object({ id: z.uuid(), name: z.string(), areaId: z.uuid(), areaName: z.string(), teamId: z.uuid().nullable(), teamName: z.string().nullable(),
  version: z.number().int() });
export type District = z.infer<typeof District>;

export const PostcodeRange = z.object({ id: z.uuid(), from: z.string(), to: z.string(), districtId: z.uuid(), districtName: z.string(), version: z.number().int() });
export type PostcodeRange = z.infer<typeof PostcodeRange>;

/** `removed`: the ranges a replace removes (a dry run: would remove). */
export const PostcodeImport = z.object({ imported: z.number(), mode: z.enum(['append', 'replace']), dryRun: z.boolean(), removed: z.array(PostcodeRange) });
export type PostcodeImport = z.infer<typeof PostcodeImport>;

export const PostcodeLookup = z.object({ postcode: z.string(), districtId: z.uuid(), districtName: z.string(), areaName: z.string(), teamId: z.uuid().nullable(), teamName: z.string().nullable() });
export type PostcodeLookup = z.infer<typeof PostcodeLookup>;
