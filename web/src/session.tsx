import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, type User } from './client.ts';

interface Session {
  user: User | null;
  loaded: boolean;
  demo: boolean;
  refresh(): Promise<void>;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Ends every session of the signed-in person, on every device. */
  signOutEverywhere(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [demo, setDemo] = useState(false);
  const refresh = useCallback(async () => {
    const [me, health] = await Promise.all([
      api<{ user: User | null }>('GET', '/api/auth/me'),
      api<{ demo: boolean }>('GET', '/api/health'),
    ]);
    setUser(me.user);
    setDemo(health.demo);
    setLoaded(true);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const signIn = useCallback(async (username: string, password: string) => {
    const result = await api<{ user: User }>('POST', '/api/auth/login', { username, password });
    setUser(result.user);
  }, []);
  const signOut = useCallback(async () => {
    await api('POST', '/api/auth/logout');
    setUser(null);
  }, []);
  const signOutEverywhere = useCallback(async () => {
    await api('POST', '/api/auth/logout-everywhere');
    setUser(null);
  }, []);
  return (
    <SessionContext.Provider value={{ user, loaded, demo, refresh, signIn, signOut, signOutEverywhere }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Mirrors the server's policies (src/capabilities/accounts/policies.ts) to decide what to offer; the server still decides. */
export function canEditPlan(user: User | null, municipalityCode: string): boolean {
  return user !== null && (user.role === 'admin' || (user.role === 'coordinator' && user.municipalityCode === municipalityCode));
}

export function canEditItem(user: User | null, municipalityCode: string, unitIds: string[]): boolean {
  if (canEditPlan(user, municipalityCode)) return true;
  return user?.role === 'reporter' && user.municipalityCode === municipalityCode && unitIds.some((id) => user.unitIds.includes(id));
}
