import { BrowserRouter, Route, Routes } from 'react-router';
import { Layout } from './components/layout.tsx';
import { Loading } from './components/page.tsx';
import { I18nProvider } from './i18n.tsx';
import { ChangePasswordPage } from './pages/auth/change-password-page.tsx';
import { LoginPage } from './pages/auth/login-page.tsx';
import { TotpEnrolmentPage } from './pages/auth/totp-enrolment-page.tsx';
import { AskPage } from './pages/portal/ask-page.tsx';
import { CitizenStartPage } from './pages/portal/citizen.tsx';
import { MijnWegwijsPage } from './pages/portal/mijn-wegwijs-page.tsx';
import { SurveyAnswerPage } from './pages/satisfaction/survey-answer-page.tsx';
import { NoAccessPage, NotFoundPage } from './pages/status-pages.tsx';
import { mayOpen, routes } from './routes.tsx';
import { SessionProvider, useSession } from './session.tsx';

/** Before the app: log in, then a forced password change or two-factor set-up when the API asks for it. */
function Gate() {
  const { state } = useSession();
  if (state.status === 'loading') return <Layout><Loading /></Layout>;
  if (state.status === 'anonymous') return <Layout><LoginPage expired={state.expired} /></Layout>;
  const { user, mfaRequired } = state.session;
  if (user.mustChangePassword) return <Layout><ChangePasswordPage /></Layout>;
  if (mfaRequired) return <Layout><TotpEnrolmentPage /></Layout>;
  return (
    <Layout user={user}>
      <Routes>
        {routes.map((r) => (
          <Route key={r.path} path={r.path} element={mayOpen(r, user.roles) ? r.element : <NoAccessPage />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Layout>
  );
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <BrowserRouter>
          <Routes>
            {/* The citizens' digital channel: outside the staff login, with its own DigiD session. */}
            <Route path="/inwoners" element={<CitizenStartPage />} />
            <Route path="/digitaal-loket" element={<AskPage />} />
            <Route path="/mijn-wegwijs" element={<MijnWegwijsPage />} />
            {/* The client-experience survey: no login, the key in the link or letter is the key. */}
            <Route path="/vragenlijst" element={<SurveyAnswerPage />} />
            <Route path="*" element={<Gate />} />
          </Routes>
        </BrowserRouter>
      </SessionProvider>
    </I18nProvider>
  );
}
