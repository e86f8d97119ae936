/** The logged-in session: loaded once from GET /api/v1/session; cleared on 401 anywhere. */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type Permission, permissions } from '../../src/platform/access/permissions.ts';
import { api, ApiError, onUnauthenticated, setCsrfToken } from './api.ts';
import type { SessionView } from './types.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; expired?: boolean }
  | { status: 'active'; session: SessionView };

type SessionApi = {
  state: SessionState;
  /** Use after login or TOTP confirmation, which answer with the session. */
  setSession: (s: SessionView) => void;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
};

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const setSession = useCallback((s: SessionView) => {
    setCsrfToken(s.csrfToken);
    setState({ status: 'active', session: s });
  }, []);

  const refresh = useCallback(async () => {
    try {
      setSession(await api.get<SessionView>('/api/v1/session', { quiet401: true }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        // No staff session: leave the CSRF token alone. On a citizen's page it is the citizen
        // session's (CitizenFrame sets it), and this answer may arrive after that one.
        setState({ status: 'anonymous' });
      } else throw e;
    }
  }, [setSession]);

  const logout = useCallback(async () => {
    try {
      await api.delete('/api/v1/session', { quiet401: true });
    } finally {
      setCsrfToken(null);
      setState({ status: 'anonymous' });
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setState({ status: 'anonymous' }));
    return onUnauthenticated(() => {
      setCsrfToken(null);
      setState((s) => (s.status === 'active' ? { status: 'anonymous', expired: true } : s));
    });
  }, [refresh]);

  const value = useMemo(() => ({ state, setSession, refresh, logout }), [state, setSession, refresh, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The active session's user; only for components rendered inside the logged-in shell. */
export function useUser() {
  const { state } = useSession();
  if (state.status !== 'active') throw new Error('useUser without an active session');
  return state.session.user;
}

/**
 * Whether the logged-in user has a permission (src/platform/access/permissions.ts): for offering only
 * what the server would allow. The server checks every request again.
 */
export function useMay(): (p: Permission) => boolean {
  const roles = useUser().roles;
  return useCallback((p: Permission) => permissions[p].some((r) => roles.includes(r)), [roles]);
}
