/**
 * Every page of the logged-in app, in one table. Adding a page is one line:
 *
 *   { path: '/meldingen', element: <MessagesPage />, roles: permissions['wmo.notification.read'], nav: 'nav.notifications' },
 *
 * - `roles`: who may open it (take them from src/platform/access/permissions.ts so the menu
 *   matches what the API allows); leave out for every logged-in user.
 * - `nav`: message key of the menu item (messages/<lang>/nav.json); leave out for pages
 *   reached by a link (detail pages). `section` groups menu items under a heading.
 * - `home`: message key of the short description shown on the home page of those roles.
 */
import type { ReactNode } from 'react';
import { permissions } from '../../src/platform/access/permissions.ts';
import { Role } from '../../src/platform/access/roles.ts';
import { AuditLogPage } from './pages/admin/audit-log-page.tsx';
import { DistrictsPage } from './pages/admin/districts-page.tsx';
import { TeamsPage } from './pages/admin/teams-page.tsx';
import { UserEditPage } from './pages/admin/user-edit-page.tsx';
import { UserNewPage } from './pages/admin/user-new-page.tsx';
import { UsersPage } from './pages/admin/users-page.tsx';
import { ClientPage } from './pages/clients/client-page.tsx';
import { ClientSearchPage } from './pages/intake/client-search-page.tsx';
import { ContactFiguresPage } from './pages/intake/contact-figures-page.tsx';
import { CouncilReportPage } from './pages/monitor/council-report-page.tsx';
import { DashboardPage } from './pages/monitor/dashboard-page.tsx';
import { SteeringPage } from './pages/monitor/steering-page.tsx';
import { SatisfactionFiguresPage } from './pages/satisfaction/satisfaction-figures-page.tsx';
import { SurveyRoundPage } from './pages/satisfaction/survey-round-page.tsx';
import { ContactPage } from './pages/intake/contact-page.tsx';
import { DigitalQuestionsPage } from './pages/intake/digital-questions-page.tsx';
import { MessageCount } from './pages/messages/message-count.tsx';
import { MessagesPage } from './pages/messages/messages-page.tsx';
import { TeamInboxPage } from './pages/referrals/team-inbox-page.tsx';
import { CaseloadPage } from './pages/casework/caseload-page.tsx';
import { TrajectoryPage } from './pages/casework/trajectory-page.tsx';
import { HomePage } from './pages/home-page.tsx';
import { BudgetPage } from './pages/finance/budget-page.tsx';
import { PracticesPage } from './pages/practices/practices-page.tsx';
import { NetworkPage } from './pages/network/network-page.tsx';
import { PartnerReferralPage } from './pages/network/partner-referral-page.tsx';
import { ErrorQueuePage } from './pages/iwmo/error-queue-page.tsx';
import { WorkQueuePage } from './pages/iwmo/work-queue-page.tsx';
import { BreakGlassReviewPage } from './pages/privacy/break-glass-review-page.tsx';
import { WmoInboxPage } from './pages/wmo/wmo-inbox-page.tsx';
import { WmoNotificationPage } from './pages/wmo/wmo-notification-page.tsx';
import { LetterAdminPage } from './pages/wmo/letter-admin-page.tsx';
import { SafetyRecordPage } from './pages/safety/safety-record-page.tsx';
import { SafetyRecordsPage } from './pages/safety/safety-records-page.tsx';

export type AppRoute = {
  path: string;
  element: ReactNode;
  roles?: readonly string[];
  nav?: string;
  section?: 'work' | 'admin' | 'oversight';
  home?: string;
  /** Shown after the menu label, e.g. a count of unread messages. */
  badge?: ReactNode;
};

export const routes: AppRoute[] = [
  { path: '/', element: <HomePage /> },

  // Daily work (pages of later issues are placeholders until they land).
  { path: '/teaminbox', element: <TeamInboxPage />, roles: [Role.TeamWorker, Role.WmoAdviser, Role.TeamLead], nav: 'nav.teamInbox', section: 'work', home: 'home.teamInbox' },
  { path: '/caseload', element: <CaseloadPage scope="mine" />, roles: permissions['casework.read'], nav: 'nav.caseload', section: 'work', home: 'home.caseload' },
  { path: '/trajecten/:id', element: <TrajectoryPage />, roles: permissions['casework.read'] },
  { path: '/veiligheid', element: <SafetyRecordsPage />, roles: permissions['safety.read'], nav: 'safety.nav', section: 'work', home: 'safety.home' },
  { path: '/veiligheid/:id', element: <SafetyRecordPage />, roles: permissions['safety.read'] },
  { path: '/loketinbox', element: <TeamInboxPage kind="desk" />, roles: [Role.DeskWorker], nav: 'nav.deskInbox', section: 'work', home: 'home.deskInbox' },
  { path: '/clienten', element: <ClientSearchPage />, roles: permissions['client.search'], nav: 'nav.clients', section: 'work', home: 'home.clients' },
  { path: '/clienten/:id', element: <ClientPage />, roles: permissions['client.read'] },
  { path: '/clienten/:id/partnerverwijzing', element: <PartnerReferralPage />, roles: permissions['network.refer'] },
  { path: '/contacten/nieuw', element: <ContactPage />, roles: permissions['contact.create'], nav: 'nav.newContact', section: 'work', home: 'home.newContact' },
  { path: '/digitale-vragen', element: <DigitalQuestionsPage />, roles: permissions['portal_request.read'], nav: 'desk.nav', section: 'work', home: 'desk.home' },
  { path: '/berichten', element: <MessagesPage />, roles: permissions['messages.self'], nav: 'messages.nav', section: 'work', home: 'messages.home', badge: <MessageCount /> },
  { path: '/meldingen', element: <WmoInboxPage />, roles: permissions['wmo.notification.read'], nav: 'nav.notifications', section: 'work', home: 'home.notifications' },
  { path: '/meldingen/:id', element: <WmoNotificationPage />, roles: permissions['wmo.notification.read'] },
  { path: '/teamoverzicht', element: <CaseloadPage scope="team" />, roles: permissions['casework.team_caseload'], nav: 'nav.teamOverview', section: 'work', home: 'home.teamOverview' },
  { path: '/netwerk', element: <NetworkPage />, roles: permissions['network.read'], nav: 'network.nav', section: 'work', home: 'network.home' },
  { path: '/cijfers', element: <ContactFiguresPage />, roles: permissions['contact.figures'], nav: 'nav.figures', section: 'work', home: 'home.figures' },
  { path: '/dashboard', element: <DashboardPage />, roles: permissions['figures.dashboard'], nav: 'dashboard.nav', section: 'work', home: 'dashboard.home' },
  { path: '/raadsmonitor', element: <CouncilReportPage />, roles: permissions['figures.council_report'], nav: 'nav.councilReport', section: 'work', home: 'home.councilReport' },
  { path: '/tevredenheid/ronde', element: <SurveyRoundPage />, roles: permissions['satisfaction.manage'], nav: 'rounds.nav', section: 'work', home: 'rounds.home' },
  { path: '/tevredenheid', element: <SatisfactionFiguresPage />, roles: permissions['figures.satisfaction'], nav: 'satisfaction.nav', section: 'work', home: 'satisfaction.home' },
  { path: '/sturing', element: <SteeringPage />, roles: permissions['figures.indications'], nav: 'nav.steering', section: 'work', home: 'home.steering' },
  { path: '/iwmo/verzoeken', element: <WorkQueuePage />, roles: permissions['iwmo.read'], nav: 'iwmo.workQueue.nav', section: 'work', home: 'iwmo.workQueue.home' },
  { path: '/financien', element: <BudgetPage />, roles: permissions['budget.read'], nav: 'nav.finance', section: 'work', home: 'home.finance' },

  // Functioneel beheer.
  { path: '/beheer/gebruikers', element: <UsersPage />, roles: permissions['users.read'], nav: 'nav.users', section: 'admin', home: 'home.users' },
  { path: '/beheer/gebruikers/nieuw', element: <UserNewPage />, roles: permissions['users.write'] },
  { path: '/beheer/gebruikers/:id', element: <UserEditPage />, roles: permissions['users.write'] },
  { path: '/beheer/teams', element: <TeamsPage />, roles: permissions['org.write'], nav: 'nav.teams', section: 'admin', home: 'home.teams' },
  { path: '/beheer/wijken', element: <DistrictsPage />, roles: permissions['org.write'], nav: 'nav.districts', section: 'admin', home: 'home.districts' },
  { path: '/beheer/huisartsenpraktijken', element: <PracticesPage />, roles: permissions['practices.read'], nav: 'practices.nav', section: 'admin', home: 'practices.home' },
  { path: '/beheer/iwmo-foutenlijst', element: <ErrorQueuePage />, roles: permissions['iwmo.errors.read'], nav: 'iwmo.errorQueue.nav', section: 'admin', home: 'iwmo.errorQueue.home' },
  { path: '/beheer/wmo-brieven', element: <LetterAdminPage />, roles: permissions['wmo.mandate.write'], nav: 'wmo.admin.nav', section: 'admin', home: 'wmo.admin.home' },

  // Oversight: audit log and break-the-glass review.
  { path: '/auditlog', element: <AuditLogPage />, roles: permissions['audit.read'], nav: 'nav.auditLog', section: 'oversight', home: 'home.auditLog' },
  { path: '/noodtoegang', element: <BreakGlassReviewPage />, roles: permissions['break_glass.review'], nav: 'nav.breakGlass', section: 'oversight', home: 'home.breakGlass' },
];

export function mayOpen(route: AppRoute, roles: readonly string[]): boolean {
  return !route.roles || route.roles.some((r) => roles.includes(r));
}

export function navFor(roles: readonly string[]): AppRoute[] {
  return routes.filter((r) => r.nav && mayOpen(r, roles));
}
