import { ALL_ROLES, CLIENT_ROLES, Role } from './roles.ts';

/**
 * OAuth 2.0 scopes of machine clients (GP practice systems, src/modules/practices). A machine
 * actor's `roles` are its granted scopes, so the same table governs its routes.
 */
export const Scope = {
  ServiceRequestWrite: 'system/ServiceRequest.write', TaskRead: 'system/Task.read',
  /** Care providers' systems on the iWmo hub endpoint (docs/iwmo.md): post messages, fetch their own. */
  IwmoMessageWrite: 'iwmo/Message.write', IwmoMessageRead: 'iwmo/Message.read',
} as const;
export type Scope = (typeof Scope)[keyof typeof Scope];

/**
 * Access rules as data: each action a route performs, and the roles that may perform it.
 * Every route names one of these in `config.permission` (or is marked `config.public`);
 * a route without either fails at start-up, and the access tests are generated from this table.
 * Client data is further limited per client by relation or break-the-glass (see client-access.ts).
 */
export const permissions = {
  /** Any logged-in staff user: own session, own preferences. */
  'session.self': ALL_ROLES,
  'org.read': ALL_ROLES,
  'org.write': [Role.Admin],
  'users.read': [Role.Admin],
  'users.write': [Role.Admin],
  'audit.read': [Role.Admin, Role.PrivacyOfficer],
  'audit.verify': [Role.Admin, Role.PrivacyOfficer],
  'break_glass.review': [Role.PrivacyOfficer],
  'jobs.read': [Role.Admin],
  'client.read': CLIENT_ROLES,
  'client.write': [Role.DeskWorker, Role.TeamWorker, Role.WmoAdviser],
  'client.break_glass': CLIENT_ROLES,
  /** Front door (issue 4): search shows desk workers an 'exists' hit for clients they are not involved with. */
  'client.search': CLIENT_ROLES,
  'client.merge': [Role.DeskWorker, Role.TeamWorker, Role.WmoAdviser],
  'consent.write': [Role.DeskWorker, Role.TeamWorker, Role.WmoAdviser],
  'contact.create': [Role.DeskWorker, Role.TeamWorker, Role.WmoAdviser],
  'contact.figures': [Role.TeamLead, Role.PolicyAnalyst, Role.Admin, Role.Manager],
  /** Council monitoring (src/modules/monitor): service norms per team, aggregates only (docs/monitor.md). */
  'figures.service_norms': [Role.TeamLead, Role.PolicyAnalyst, Role.Manager],
  /** The half-year council report (Raadsmonitor): aggregates only, made by a background job. */
  'figures.council_report': [Role.TeamLead, Role.PolicyAnalyst, Role.Manager],
  /** Steering on indications (sturing): per product, provider, team, adviser; spend against the budget. Aggregates only. */
  'figures.indications': [Role.Finance, Role.PolicyAnalyst, Role.TeamLead, Role.Manager],
  /** The live dashboard (src/modules/monitor, docs/monitor.md): aggregates per desk/team or region, for the team lead, the manager and policy. */
  'figures.dashboard': [Role.TeamLead, Role.Manager, Role.PolicyAnalyst],
  /** From a dashboard figure to its list of cases: only roles that work with clients, and then only clients they may see. Policy and the manager see aggregates only. */
  'figures.drill_down': [Role.TeamLead],
  /** Client-experience survey (src/modules/satisfaction): definitions and rounds (counts only); the mailing names clients, so only the functional administrator makes it. */
  'satisfaction.manage': [Role.PolicyAnalyst, Role.Admin],
  'satisfaction.mailing': [Role.Admin],
  /** A client's objection to being asked (bezwaar), recorded by who helps them. */
  'satisfaction.opt_out': [Role.DeskWorker, Role.TeamWorker, Role.WmoAdviser],
  /** Client-experience figures per desk/team, through the disclosure rule. */
  'figures.satisfaction': [Role.TeamLead, Role.PolicyAnalyst, Role.Manager],
  'referral.read': CLIENT_ROLES,
  /** Work an inbox: a team's (wijkteam) or a desk's (CJG, Centraal Onthaal Volwassenen for routes 4 and 5). */
  'referral.decide': [Role.TeamWorker, Role.WmoAdviser, Role.TeamLead, Role.DeskWorker],
  /** Neighbourhood-team casework (src/modules/casework): trajectories and caseloads. */
  'casework.read': [Role.TeamWorker, Role.WmoAdviser, Role.TeamLead],
  'casework.act': [Role.TeamWorker, Role.WmoAdviser, Role.TeamLead],
  /** Longer than the maximum duration of basic support only with the team lead's approval. */
  'casework.approve_extension': [Role.TeamLead],
  'casework.team_caseload': [Role.TeamLead],
  /** Hand a case to another professional of the team (the team lead). */
  'casework.reassign': [Role.TeamLead],
  /** Casusregie: refer the client on (2nd line, an indication) and record its steps; the trajectory's own team (checked per case). */
  'casework.onward_referral': [Role.TeamWorker, Role.WmoAdviser, Role.TeamLead],
  /** Op- en afschalen: a hand-over to or back from Veilig Thuis or a specialised team; the own team. */
  'casework.handover': [Role.TeamWorker, Role.WmoAdviser, Role.TeamLead],
  'portal_request.read': [Role.DeskWorker],
  /** Own staff messages; the aandachtsfunctionaris gets those about safety signals and break-the-glass requests. */
  'messages.self': [...CLIENT_ROLES, Role.SafetyOfficer],
  /** The Wmo 2015 process (src/modules/wmo): the Wmo inbox and a melding's steps. A team lead reads the inbox; Wmo advisers take and work meldingen. */
  'wmo.notification.read': [Role.WmoAdviser, Role.TeamLead],
  'wmo.notification.act': [Role.WmoAdviser],
  /** Signing a beschikking's letter; the signer's mandate (per product and amount, wmo_mandates) decides what they may sign. */
  'wmo.letter.sign': [Role.WmoAdviser, Role.TeamLead],
  'wmo.letter_template.read': [Role.Admin, Role.WmoAdviser],
  'wmo.letter_template.write': [Role.Admin],
  'wmo.mandate.read': [Role.Admin, Role.TeamLead],
  'wmo.mandate.write': [Role.Admin],
  /** The neighbourhood teams' network (src/modules/network): partners per district and their agreements; team leads and admins keep it. */
  'network.read': [...CLIENT_ROLES, Role.Admin, Role.PolicyAnalyst],
  'network.write': [Role.TeamLead, Role.Admin],
  /** Record a referral on a network partner's behalf (a school phoned): the recorder must already be involved with the client. */
  'network.refer': CLIENT_ROLES,
  /** GP practices and their API clients (src/modules/practices). */
  'practices.read': [Role.Admin],
  'practices.write': [Role.Admin],
  /** Providers and the product catalogue with tariffs (src/modules/indications): admins keep it, finance and Wmo advisers read it. */
  'providers.read': [Role.Admin, Role.Finance, Role.WmoAdviser],
  'providers.write': [Role.Admin],
  'products.read': [Role.Admin, Role.Finance, Role.WmoAdviser],
  'products.write': [Role.Admin],
  /** Indications of a granted Wmo decision (client data: need-to-know applies too). */
  'indications.read': [Role.WmoAdviser, Role.TeamLead],
  'indications.write': [Role.WmoAdviser],
  /** Care providers' API clients for the iWmo hub endpoint (the GP practices' OAuth mechanism). */
  'providers.api_clients': [Role.Admin],
  /** iWmo / iJw messages (src/modules/iwmo): advisers send a client's assignments and see the history; admins keep the error queue and the inbox. */
  'iwmo.send': [Role.WmoAdviser],
  'iwmo.read': [Role.WmoAdviser, Role.TeamLead],
  'iwmo.errors.read': [Role.Admin],
  /** Working the error queue: read a rejected message again, or mark it handled with a note. */
  'iwmo.errors.act': [Role.Admin],
  'iwmo.receive': [Role.Admin],
  /** The HTTP stand-in for the hub (docs/iwmo.md): care providers' systems post messages and fetch their own; scopes, not staff roles. */
  'iwmo.hub.post': [Scope.IwmoMessageWrite],
  'iwmo.hub.fetch': [Scope.IwmoMessageRead],
  /** Checking providers' claims and sending the answer (325); the API shows a claim's header data, not the clients in it. */
  'iwmo.claims': [Role.Finance],
  /** The task field's budget (src/modules/finance): overview and adjustments, no client data. */
  'budget.read': [Role.Finance],
  'budget.import': [Role.Finance],
  /**
   * Meldcode and sealed safety records (src/modules/safety). The role lets a user reach the routes;
   * who sees a record is decided per record (on the case: safety-access.ts), not by client need-to-know.
   */
  'safety.read': [...CLIENT_ROLES, Role.SafetyOfficer],
  'safety.act': [...CLIENT_ROLES, Role.SafetyOfficer],
  /** Assign colleagues to the case and approve a break-the-glass request on a sealed record (a second person). */
  'safety.lead': [Role.TeamLead, Role.SafetyOfficer],
  /** Ask for break-the-glass on a sealed record of a client one may see. */
  'safety.request_access': CLIENT_ROLES,
  /** FHIR R4 API for GP practice systems (src/modules/fhir): scopes, not staff roles. */
  'fhir.service_request.create': [Scope.ServiceRequestWrite],
  'fhir.service_request.read': [Scope.ServiceRequestWrite, Scope.TaskRead],
  'fhir.task.read': [Scope.TaskRead],
} as const satisfies Record<string, readonly (Role | Scope)[]>;

export type Permission = keyof typeof permissions;

export function isPermission(p: unknown): p is Permission {
  return typeof p === 'string' && Object.hasOwn(permissions, p);
}

export function rolesAllow(permission: Permission, roles: readonly string[]): boolean {
  const allowed: readonly string[] = permissions[permission];
  return roles.some((r) => allowed.includes(r));
}
