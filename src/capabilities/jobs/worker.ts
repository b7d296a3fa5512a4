import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../kernel/errors.ts';
import { claimNextJob, failJob, finishJob, reportProgress } from './queue.ts';

/** What a job kind does: gets the payload and a progress callback (0–1), returns the result to keep. */
export type JobHandler = (
  payload: unknown,
  progress: (fraction: number, message?: string) => Promise<void>,
  jobId: string,
) => Promise<{ result: unknown; message?: string }>;

export interface Logger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Runs one waiting job if there is one; true when it ran one. */
export async function runOneJob(db: Kysely<Database>, handlers: Record<string, JobHandler>, log?: Logger): Promise<boolean> {
  const job = await claimNextJob(db, Object.keys(handlers));
  if (!job) return false;
  const handler = handlers[job.kind] as JobHandler;
  let last = 0;
  try {
    const { result, message } = await handler(
      job.payload,
      async (fraction, text) => {
        const percent = Math.round(fraction * 100);
        // Progress writes are cheap but not free: one per 5 % is smooth enough for a progress bar.
        if (percent - last >= 5 || text !== undefined) {
          last = percent;
          await reportProgress(db, job.id, percent, text ?? null);
        }
      },
      job.id,
    );
    await finishJob(db, job.id, result, message ?? null);
    log?.info({ jobId: job.id, kind: job.kind }, 'job done');
  } catch (error) {
    const message = error instanceof AppError ? error.message : `Jobbet misslyckades: ${(error as Error).message}`;
    await failJob(db, job.id, message);
    log?.error({ jobId: job.id, kind: job.kind, err: error }, 'job failed');
  }
  return true;
}

/** Polls the queue every `intervalMs`, one job at a time per process; stop() waits for the running job. */
export function startJobWorker(options: { db: Kysely<Database>; handlers: Record<string, JobHandler>; intervalMs: number; log?: Logger }): {
  stop(): Promise<void>;
  poke(): void;
} {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (stopped) return;
    running = (async () => {
      try {
        while (!stopped && (await runOneJob(options.db, options.handlers, options.log)));
      } catch (error) {
        options.log?.error({ err: error }, 'job worker');
      }
    })();
    void running.then(() => {
      if (!stopped) timer = setTimeout(tick, options.intervalMs);
    });
  };
  if (options.intervalMs > 0) timer = setTimeout(tick, 50);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    poke() {
      if (stopped || options.intervalMs === 0) return;
      if (timer) clearTimeout(timer);
      void running.then(() => {
        if (!stopped) {
          if (timer) clearTimeout(timer);
          tick();
        }
      });
    },
  };
}
