/**
 * Saving follow-up reports under load: autocannon keeps `connections` connections busy, each one reporter sending
 * one save at a time (`PUT /api/tasks/:id`: status, progress, a comment of 200–600 characters and, where the
 * activity has a target, a figure), always with the version the last answer gave it. The target is for
 * exactly this: p99 under 100 ms at 50 connections, zero errors.
 *
 * The task objects passed in are updated as the answers come (their `version`), so a second run continues where
 * the first stopped (saves still in flight when the time is up are waited for). When a task carries `acknowledged` / `unanswered` lists (the load bench's TaskState), every
 * save is recorded there too, for the database check afterwards (bench/load/check.ts).
 */
import { autocannon, type AutocannonRequest } from '../autocannon.ts';
import type { ReportStatus } from '../../src/capabilities/follow-up/words.ts';
import { saveRequest, type Written } from './world.ts';

export interface SaveTask {
  id: string;
  /** The version the next save is based on: the one the last answer gave. */
  version: number;
  hasTarget: boolean;
  acknowledged?: Written[];
  unanswered?: Written[];
}

export interface SaveReporter {
  /** `name=value` of the session cookie. */
  cookie: string;
  tasks: SaveTask[];
}

export interface SaveLoadOptions {
  baseUrl: string;
  reporters: SaveReporter[];
  connections: number;
  durationSeconds: number;
}

export interface SaveLoadResult {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Connection errors, timeouts included. */
  errors: number;
  /** Answers that were not 2xx (conflicts included). */
  non2xx: number;
  /** Saves refused as stale (409): with one connection per reporter there should be none. */
  conflicts: number;
  /** Answers that were 2xx but did not say what was saved (version, status, narrative). */
  wrongAnswers: number;
  /** The first few unexpected answers, to say what went wrong. */
  samples: string[];
}

const statuses: ReportStatus[] = ['not_started', 'in_progress', 'delayed', 'done', 'cancelled'];
const filler =
  ' Deltagarna har kommit regelbundet och samarbetet med Arbetsförmedlingen och föreningarna fungerar, men lokalfrågan är inte löst.';

interface Connection {
  reporter: SaveReporter;
  index: number;
  sent: number;
  pending: { task: SaveTask; write: Written } | null;
}

export async function runSaveLoad(options: SaveLoadOptions): Promise<SaveLoadResult> {
  const { reporters } = options;
  if (reporters.length < options.connections)
    throw new Error(`${options.connections} connections need as many reporters; ${reporters.length} were given.`);
  const tally = { conflicts: 0, wrongAnswers: 0, samples: [] as string[] };
  const note = (message: string) => void (tally.samples.length < 10 && tally.samples.push(message));
  const connections = new Map<string, Connection>();
  let nextClient = 0;

  // Each connection is one reporter for the whole run; it is found again by the cookie its requests carry.
  const next = (connection: Connection, request: AutocannonRequest): AutocannonRequest => {
    const seq = connection.sent++;
    const task = connection.reporter.tasks[seq % connection.reporter.tasks.length] as SaveTask;
    const status = statuses[seq % statuses.length] as ReportStatus;
    const write: Written = {
      status,
      progress: status === 'done' ? 100 : (seq * 7) % 100,
      narrative: `Rapport ${seq} från reporter ${connection.index} om uppgift ${task.id}.${filler.repeat(1 + (seq % 4))}`,
      targetValue: task.hasTarget ? (seq % 40) + 0.5 : null,
      version: task.version + 1,
    };
    connection.pending = { task, write };
    return saveRequest(request, connection.reporter.cookie, task.id, task.version, write);
  };

  const settle = (connection: Connection, status: number, text: string) => {
    const pending = connection.pending;
    connection.pending = null;
    if (!pending) return;
    const { task, write } = pending;
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      note(`reporter ${connection.index}: answer ${status} is not JSON`);
    }
    if (status >= 200 && status < 300) {
      if (parsed.version !== write.version || parsed.narrative !== write.narrative || parsed.status !== write.status) {
        tally.wrongAnswers++;
        note(`reporter ${connection.index}: save of ${task.id} answered version ${String(parsed.version)}, expected ${write.version}`);
      }
      task.acknowledged?.push(write);
      task.version = write.version;
      return;
    }
    if (status === 409) {
      tally.conflicts++;
      const current = parsed.current as { version?: unknown } | undefined;
      if (typeof current?.version === 'number') task.version = current.version;
    }
    note(`reporter ${connection.index}: save of ${task.id} answered ${status}: ${String(parsed.message ?? text.slice(0, 200))}`);
  };

  const result = await autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.durationSeconds,
    pipelining: 1,
    timeout: 10,
    setupClient: (client) => {
      const index = nextClient++ % reporters.length;
      const reporter = reporters[index] as SaveReporter;
      connections.set(reporter.cookie, { reporter, index, sent: 0, pending: null });
      client.setHeaders({ cookie: reporter.cookie });
    },
    requests: [
      {
        setupRequest: (request, context) => {
          const connection = connections.get(request.headers?.cookie ?? '');
          // autocannon builds the first request before setupClient gives the connection its reporter.
          if (!connection) return { ...request, method: 'GET', path: '/api/health' };
          // A save whose answer never came (timeout) may or may not be stored: the check must allow both.
          if (connection.pending) connection.pending.task.unanswered?.push(connection.pending.write);
          context.connection = connection;
          return next(connection, request);
        },
        onResponse: (status, body, context) => {
          const connection = context.connection as Connection | undefined;
          if (connection) settle(connection, status, body);
        },
      },
    ],
  });
  // autocannon stops without waiting for the answers still due; the server stores those saves all the same. Wait
  // until each has landed (or evidently will not), so the next run starts from the version that is stored.
  await Promise.all(
    [...connections.values()].map(async (c) => {
      if (!c.pending) return;
      const { task, write } = c.pending;
      task.unanswered?.push(write);
      c.pending = null;
      for (let attempt = 0; attempt < 50; attempt++) {
        const answer = await fetch(`${options.baseUrl}/api/tasks/${task.id}`, { headers: { cookie: c.reporter.cookie } });
        const stored = ((await answer.json()) as { version?: unknown }).version;
        if (typeof stored === 'number') task.version = stored;
        if (task.version >= write.version) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }),
  );
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    // autocannon counts timeouts among its errors.
    errors: result.errors,
    non2xx: result.non2xx,
    conflicts: tally.conflicts,
    wrongAnswers: tally.wrongAnswers,
    samples: tally.samples,
  };
}
