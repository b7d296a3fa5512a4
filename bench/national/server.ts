/** The real server as its own process, as an operator runs it, for the national bench. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `delaktig serve` with production settings on the given store and waits until it answers. The request log
 * stays on (as in production) but goes to /dev/null here: the bench measures the server, not a terminal.
 */
export async function startServer(
  store: { databaseUrl?: string; dataDir?: string },
  extraEnv: Record<string, string> = {},
): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    // External indicator sources must never be asked from a bench (no network here, and not part of what is measured).
    KOLADA_URL: 'http://127.0.0.1:9/',
    SCB_URL: 'http://127.0.0.1:9/',
    // No background work during a measurement (the data set's open cycles are past their deadline: reminders would be queued).
    WORKER_INTERVAL_MS: '0',
    // The start is read from the log: its "listens on" and "route schemas compiled" lines.
    LOG_LEVEL: 'info',
    ...extraEnv,
  };
  delete env.DEMO;
  if (store.databaseUrl) env.DATABASE_URL = store.databaseUrl;
  else delete env.DATABASE_URL;
  if (store.dataDir) env.DATA_DIR = store.dataDir;
  const child = spawn(process.execPath, ['bin/delaktig.mjs', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()).length > 20_000 && (errors = errors.slice(-10_000)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start within 300 s.\n${out}${errors}`)), 300_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      // Measured once the route schemas left for after the start are compiled (a few seconds of CPU in idle slices):
      // the bench is about a server that has run for a while, not about its first seconds.
      if (out.includes('listens on') && out.includes('route schemas compiled')) {
        clearTimeout(timer);
        // Keep draining stdout (the request log) so the pipe never fills and blocks the server.
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}) before it listened.\n${out}${errors}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    stop: () => stopProcess(child),
  };
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
