import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * A real OpenID provider for tests: oidc-provider (an OpenID Certified implementation) in a child process on
 * 127.0.0.1 and a random port (see oidc-provider-server.mjs for why a process of its own), with its development
 * sign-in pages. PKCE is required, so a relying party that does not send its verifier gets no tokens.
 */
/**
 * A port free now, for an app that must know its own address before it listens (the provider's redirect address
 * names it).
 */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Sets the claims the provider gives a person (by subject) from the next sign-in on. */
  setPerson(subject: string, claims: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

const script = fileURLToPath(new URL('./oidc-provider-server.mjs', import.meta.url));

export async function startOidcProvider(redirectUri: string): Promise<TestProvider> {
  const clientId = 'delaktig-test';
  const clientSecret = 'klienthemlighet-som-aldrig-visas-8f3a';
  // Plain node, without the test runner's loader.
  const child = spawn(process.execPath, [script, redirectUri, clientId, clientSecret], {
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    // The provider warns about its development defaults on every start; those are what a test wants.
    if (!text.includes('WARNING')) errors.push(text);
  });
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(() => {
    throw new Error(`the test provider stopped: ${errors.join('')}`);
  });
  const [first] = (await Promise.race([once(lines, 'line'), exited])) as [string];
  const { issuer } = JSON.parse(first) as { issuer: string };
  return {
    issuer,
    clientId,
    clientSecret,
    setPerson: async (subject, claims) => {
      const response = await fetch(`${issuer}/__test/people/${encodeURIComponent(subject)}`, {
        method: 'PUT',
        body: JSON.stringify(claims),
      });
      if (response.status !== 204) throw new Error(`setPerson: ${response.status}`);
    },
    close: async () => {
      exited.catch(() => undefined);
      if (child.exitCode !== null) return;
      const gone = once(child, 'exit');
      child.kill('SIGTERM');
      await gone;
    },
  };
}

/** Cookies by hand, one jar per site, as a browser keeps them (names and values only; tests don't need more). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair?.indexOf('=') ?? -1;
      if (!pair || index < 1) continue;
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Walks the provider's pages by hand from its authorization URL: follows redirects, signs in as `login` on the
 * development login form and consents. Returns the address the provider sends the browser back to (the app's
 * callback with code and state), without calling it.
 */
export async function passProvider(authorizationUrl: string, login: string, options: { abort?: boolean } = {}): Promise<string> {
  const jar = new CookieJar();
  let url = authorizationUrl;
  let init: RequestInit = {};
  const origin = new URL(authorizationUrl).origin;
  for (let step = 0; step < 20; step++) {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: jar.header() } });
    jar.store(response);
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get('location') ?? '', url).href;
      await response.body?.cancel();
      if (!next.startsWith(origin)) return next;
      url = next;
      init = {};
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`provider answered ${response.status}: ${html.slice(0, 300)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no form on the provider's page: ${html.slice(0, 300)}`);
    if (options.abort) {
      const abort = /<a href="([^"]+\/abort)"/.exec(html)?.[1];
      if (!abort) throw new Error('no cancel link on the provider page');
      url = new URL(abort.replace(/&amp;/g, '&'), url).href;
      init = {};
      continue;
    }
    const body = prompt === 'login' ? new URLSearchParams({ prompt, login, password: 'vad-som-helst' }) : new URLSearchParams({ prompt });
    url = new URL(action.replace(/&amp;/g, '&'), url).href;
    init = { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('the provider did not send the browser back');
}
