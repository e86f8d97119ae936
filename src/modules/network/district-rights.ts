import { Role } from '../../platform/access/roles.ts';

/**
 * Who keeps which network partner (docs/network.md, "Who keeps which partner"). Pure, shared with
 * the UI so the network page offers exactly the changes the server accepts.
 *
 * The functional administrator keeps the whole network, citywide partners included. A team lead
 * keeps the partners in the districts (wijken) of their own teams (`districts.team_id`): adds a
 * partner only in those districts, changes a partner (and its agreements) that works in at least
 * one of them, and adds or removes only those districts; another team's districts on the partner
 * stay as they are. A citywide partner (no districts: Werk & Inkomen, KBR) is the administrator's.
 */
export type NetworkKeeper = {
  roles: readonly string[];
  /** The districts of the user's own teams. */
  ownDistrictIds: ReadonlySet<string>;
};

/** Roles that keep every partner in every district. */
export const KEEPS_WHOLE_NETWORK: readonly string[] = [Role.Admin];

export const keepsWholeNetwork = (k: NetworkKeeper) => k.roles.some((r) => KEEPS_WHOLE_NETWORK.includes(r));

/** May this user change a partner working in these districts (its contact, active, agreements)? */
export const mayKeepPartner = (k: NetworkKeeper, districtIds: readonly string[]) =>
  keepsWholeNetwork(k) || districtIds.some((id) => k.ownDistrictIds.has(id));

/**
 * Whether a partner that works in `before` (null: a new partner) may be given the districts `after`
 * by this user: null when allowed, else why not (`citywide`: none would be left, which only the
 * administrator keeps; `other_district`: a district of another team would be added or removed, or the
 * partner is not in the user's districts at all).
 */
export function partnerDistrictsRefusal(k: NetworkKeeper, before: readonly string[] | null, after: readonly string[]): 'citywide' | 'other_district' | null {
  if (keepsWholeNetwork(k)) return null;
  if (before !== null && !mayKeepPartner(k, before)) return 'other_district';
  const changed = [...after.filter((id) => !(before ?? []).includes(id)), ...(before ?? []).filter((id) => !after.includes(id))];
  if (changed.some((id) => !k.ownDistrictIds.has(id))) return 'other_district';
  if (after.length === 0) return 'citywide';
  return null;
}
