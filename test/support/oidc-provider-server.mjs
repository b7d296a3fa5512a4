// A real OpenID provider for tests: oidc-provider (OpenID Certified), on 127.0.0.1 and a random port, with its
// development sign-in pages (any login name, then consent) and PKCE required.
//
// Plain JavaScript in its own process: under tsx, Koa's dependency generator-function (2.0.1, an ES module
// required through its 'module.exports' export) loads as a namespace object and the provider cannot start.
//
// Usage: node oidc-provider-server.mjs <redirectUri> <clientId> <clientSecret>; prints {"issuer": …} when ready.
// PUT /__test/people/<sub> with a JSON body sets the claims the provider gives that person.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const [redirectUri, clientId, clientSecret] = process.argv.slice(2);
const people = new Map();

const server = createServer((req, res) => handler(req, res));
let handler = (_req, res) => res.end();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username', 'groups'] },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['test-only-cookie-key'] },
  findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, ...(people.get(id) ?? {}) }) }),
});
provider.on('server_error', (_ctx, error) => console.error('oidc-provider server_error', error));
const callback = provider.callback();

handler = (req, res) => {
  const match = /^\/__test\/people\/([^/?]+)$/.exec(req.url ?? '');
  if (!match || req.method !== 'PUT') return callback(req, res);
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    people.set(decodeURIComponent(match[1]), JSON.parse(body));
    res.statusCode = 204;
    res.end();
  });
};

process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
