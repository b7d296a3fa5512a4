import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from './client.ts';

/** Loads data in an effect (never during render, so screens can render on the server later). */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: unknown[],
): { data: T | undefined; error: ApiError | Error | undefined; reload: () => Promise<void>; setData: (t: T) => void } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError | Error>();
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    try {
      setData(await run());
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    }
  }, [run]);
  useEffect(() => {
    let live = true;
    run().then(
      (d) => live && (setData(d), setError(undefined)),
      (e: unknown) => live && setError(e as Error),
    );
    return () => {
      live = false;
    };
  }, [run]);
  return { data, error, reload, setData };
}

export function useTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} – Delaktig`;
  }, [title]);
}
