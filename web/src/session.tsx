/** Who is logged in, the language rules tied to it, and app-wide status announcements. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken, setUnauthenticatedHandler } from './api/client.js';
import type { Locale, SessionT, UserT } from './api/types.js';
import { applyLocale, currentLocale, initialLocale, storeLocale } from './i18n/index.js';

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'anonymous'; readonly expired: boolean }
  | { readonly status: 'authenticated'; readonly session: SessionT };

interface SessionApi {
  readonly state: SessionState;
  readonly session: SessionT | null;
  readonly login: (email: string, password: string) => Promise<void>;
  readonly logout: () => Promise<void>;
  /** Replace the user after a change (profile, password). */
  readonly updateUser: (user: UserT) => void;
  readonly refresh: () => Promise<void>;
  /** Switches the UI language; remembered per user when logged in, else in this browser. */
  readonly setLanguage: (locale: Locale) => Promise<boolean>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const adopt = useCallback(async (session: SessionT | null, expired = false) => {
    setCsrfToken(session?.csrfToken ?? null);
    if (session) {
      // The account's language wins, and stays for the login page after logging out.
      if (session.user.locale) storeLocale(session.user.locale);
      await applyLocale(initialLocale(session.user.locale));
    }
    setState(session ? { status: 'authenticated', session } : { status: 'anonymous', expired });
  }, []);

  const refresh = useCallback(async () => {
    try {
      await adopt(await api.getSession());
    } catch {
      await adopt(null);
    }
  }, [adopt]);

  useEffect(() => {
    api.getSession().then(
      (session) => adopt(session),
      () => adopt(null),
    );
  }, [adopt]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setState({ status: 'anonymous', expired: true });
    });
    return () => setUnauthenticatedHandler(null);
  }, []);

  const value = useMemo<SessionApi>(() => {
    const session = state.status === 'authenticated' ? state.session : null;
    return {
      state,
      session,
      login: async (email, password) => {
        await adopt(await api.login(email, password));
      },
      logout: async () => {
        try {
          await api.logout();
        } finally {
          await adopt(null);
        }
      },
      updateUser: (user) => {
        setState((s) =>
          s.status === 'authenticated' ? { status: 'authenticated', session: { ...s.session, user } } : s,
        );
      },
      refresh,
      setLanguage: async (locale) => {
        storeLocale(locale);
        await applyLocale(locale);
        // A user who still has to replace a one-time password may not change the profile yet; the
        // choice is saved after the password change (see ChangePasswordForm).
        if (!session || session.user.mustChangePassword || session.user.locale === locale) return true;
        try {
          const user = await api.updateMe({ locale });
          setState((s) =>
            s.status === 'authenticated' ? { status: 'authenticated', session: { ...s.session, user } } : s,
          );
          return true;
        } catch {
          return false;
        }
      },
    };
  }, [state, adopt, refresh]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The logged-in session; only for pages rendered inside the authenticated shell. */
export function useAuthed(): SessionT {
  const { session } = useSession();
  if (!session) throw new Error('useAuthed without a session');
  return session;
}

export function useCanWrite(): boolean {
  const { session } = useSession();
  return session !== null && session.user.role !== 'viewer';
}

export { currentLocale };

// ---------------------------------------------------------------------------------------------
// Announcements: one polite live region for confirmations ("Product saved"), shown as a toast.

interface Notice {
  readonly id: number;
  readonly text: string;
  readonly tone: 'success' | 'error';
}

const NoticeContext = createContext<(text: string, tone?: Notice['tone']) => void>(() => undefined);

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const notify = useCallback((text: string, tone: Notice['tone'] = 'success') => {
    setNotice({ id: Date.now(), text, tone });
  }, []);
  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => setNotice(null), 6000);
    return () => window.clearTimeout(timer);
  }, [notice]);
  return (
    <NoticeContext.Provider value={notify}>
      {children}
      <div className="toast-region" role="status" aria-live="polite" aria-atomic="true">
        {notice ? (
          <div key={notice.id} className={`toast toast-${notice.tone}`}>
            {notice.text}
          </div>
        ) : null}
      </div>
    </NoticeContext.Provider>
  );
}

export function useNotify() {
  return useContext(NoticeContext);
}
