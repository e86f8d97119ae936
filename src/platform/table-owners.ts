/**
 * Each table has one owner: a module (its folder name under src/modules/) or the platform.
 * Only the owner's SQL names the table; everyone else calls the owner's exported functions,
 * passing the transaction along. test/architecture.test.ts reads every module's SQL against
 * this map, and docs/database.md mirrors it.
 *
 * Staff identity (users, user_roles, team_members) belongs to the platform, not the admin
 * module: the auth plugin reads it on every request and the platform never imports a module.
 * The admin module manages staff through src/platform/auth/users.ts.
 */
export const tableOwners = {
  // platform: identity, sessions, need-to-know, audit, jobs, idempotency
  users: 'platform',
  user_roles: 'platform',
  team_members: 'platform',
  sessions: 'platform',
  oidc_logins: 'platform',
  login_throttle: 'platform',
  client_relations: 'platform',
  break_glass: 'platform',
  audit_log: 'platform',
  audit_log_identity: 'platform',
  jobs: 'platform',
  job_schedules: 'platform',
  idempotency_keys: 'platform',
  // org: the municipality's organisation and postcode → team
  municipality: 'org',
  areas: 'org',
  regions: 'org',
  teams: 'org',
  districts: 'org',
  postcode_ranges: 'org',
  // clients: the client record
  clients: 'clients',
  client_persons: 'clients',
  client_merges: 'clients',
  consents: 'clients',
  client_housing_situations: 'clients',
  // intake: contacts at the desks, staff notifications they raise
  contacts: 'intake',
  life_domains: 'intake',
  staff_messages: 'intake',
  // referrals: the team inbox
  referrals: 'referrals',
  referral_actions: 'referrals',
  // casework: the neighbourhood team's trajectories (basishulp)
  trajectories: 'casework',
  trajectory_actions: 'casework',
  trajectory_activities: 'casework',
  onward_referrals: 'casework',
  onward_referral_actions: 'casework',
  trajectory_handovers: 'casework',
  zrm_assessments: 'casework',
  zrm_scores: 'casework',
  // household: households of clients, their coordinator and their plan
  households: 'household',
  household_members: 'household',
  plan_goals: 'household',
  plan_goal_notes: 'household',
  // safety: the meldcode and sealed safety records
  safety_records: 'safety',
  safety_record_actions: 'safety',
  safety_record_members: 'safety',
  safety_access_requests: 'safety',
  // wmo: the Wmo 2015 melding
  wmo_notifications: 'wmo',
  wmo_actions: 'wmo',
  wmo_clock_facts: 'wmo',
  wmo_decisions: 'wmo',
  wmo_letters: 'wmo',
  wmo_letter_templates: 'wmo',
  wmo_mandates: 'wmo',
  wmo_evidence: 'wmo',
  wmo_assessments: 'wmo',
  // legal-terms: the configuration behind every clock (Atw holidays by decree, norms)
  legal_holidays: 'legal-terms',
  legal_norms: 'legal-terms',
  // monitor: the council reports (aggregates only)
  council_reports: 'monitor',
  // portal: the citizens' channel
  citizen_sessions: 'portal',
  test_idp_codes: 'portal',
  portal_requests: 'portal',
  // practices: GP practices and their API credentials
  gp_practices: 'practices',
  api_clients: 'practices',
  api_tokens: 'practices',
  // network: the neighbourhood teams' partners per district and their agreements
  network_partners: 'network',
  network_partner_districts: 'network',
  network_agreements: 'network',
  // fhir: GP referrals over FHIR R4
  fhir_service_requests: 'fhir',
  fhir_subscriptions: 'fhir',
  fhir_deliveries: 'fhir',
  // indications: providers, contracts, the product catalogue and its tariffs
  providers: 'indications',
  provider_contracts: 'indications',
  products: 'indications',
  product_tariffs: 'indications',
  indications: 'indications',
  indication_reminders: 'indications',
  indication_deliveries: 'indications',
  indication_versions: 'indications',
  // iwmo: iWmo / iJw 3.2 messages sent and received, assignment numbers
  iwmo_messages: 'iwmo',
  iwmo_assignments: 'iwmo',
  iwmo_hub_messages: 'iwmo',
  // finance: the task field's budget (overview lines, adjustments)
  budget_lines: 'finance',
  budget_adjustments: 'finance',
  // satisfaction: the client-experience survey (answers carry no client)
  survey_definitions: 'satisfaction',
  survey_rounds: 'satisfaction',
  survey_round_teams: 'satisfaction',
  survey_invitations: 'satisfaction',
  survey_used_keys: 'satisfaction',
  survey_answers: 'satisfaction',
  survey_opt_outs: 'satisfaction',
} as const satisfies Record<string, string>;

export type Table = keyof typeof tableOwners;
export type TableOwner = (typeof tableOwners)[Table];
