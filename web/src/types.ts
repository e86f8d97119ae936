/** Shapes of the API responses the UI uses (see the route schemas in src/ and /api/v1/openapi.json). */

export type { SessionUser } from '../../src/platform/auth/sessions.ts';
import type { SessionUser } from '../../src/platform/auth/sessions.ts';
export type SessionView = { user: SessionUser; csrfToken: string; mfaRequired: boolean };

export type User = {
  id: string; username: string; displayName: string; email: string | null; active: boolean;
  roles: string[]; teamIds: string[]; totpEnabled: boolean; locked: boolean; mustChangePassword: boolean;
};

export type TeamKind = 'neighbourhood_team' | 'desk';
export type DeskType = 'vraagwijzer' | 'cov' | 'jongerenloket' | 'cjg';
export type Team = {
  id: string; name: string; kind: TeamKind; deskType: DeskType | null; regionId: string | null; regionName: string | null; active: boolean;
};
export type Named = { id: string; name: string };
export type District = { id: string; name: string; areaId: string; areaName: string; teamId: string | null; teamName: string | null };
export type PostcodeRange = { id: string; from: string; to: string; districtId: string; districtName: string };
export type PostcodeLookup = { postcode: string; districtId: string; districtName: string; areaName: string; teamId: string | null; teamName: string | null };

export type AuditEvent = {
  id: number; at: string; actorUserId: string | null; actorName: string | null; actorRoles: string[]; onBehalfOf: string | null;
  action: string; processingActivity: string; clientId: string | null; outcome: string; breakGlassId: string | null;
  remoteAddr: string | null; details: Record<string, unknown>;
};
export type AuditVerification = { ok: boolean; checked: number; firstBrokenId: number | null; problem?: string };

export type BreakGlassEvent = {
  id: string; userId: string; userName: string; clientId: string; reason: string; createdAt: string; expiresAt: string;
  reviewedAt: string | null; reviewedByName: string | null; reviewNote: string | null;
};

export type Client = {
  id: string; bsnMasked: string | null; firstNames: string | null; surnamePrefix: string | null; surname: string;
  displayName: string; birthDate: string | null; gender: string;
  address: { postcode: string; houseNumber: number; houseNumberAddition: string | null; street: string | null; city: string | null } | null;
  noFixedAddress: boolean; contactPoint: string | null; phone: string | null; email: string | null;
  preferredLanguage: string | null; communicationNeeds: string[]; safetySignal: boolean;
  proposedTeam: { id: string; name: string; districtName: string } | null;
  nameUsage: 'E' | 'P' | 'V' | 'N'; partnerSurnamePrefix: string | null; partnerSurname: string | null;
  persons: RelatedPerson[]; mergedInto: string | null;
};
export type RelatedPerson = {
  id: string; kind: 'representative' | 'informal_carer' | 'household_member'; role: string | null; name: string;
  birthDate: string | null; phone: string | null; email: string | null; relatedClientId: string | null;
};
