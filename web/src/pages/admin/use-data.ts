import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api.ts';

/** GET a resource; `reload` after a change. `error` holds the ApiError of a failed load. */
export function useData<T>(path: string | null) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes to load again (reload)
  useEffect(() => {
    if (!path) return;
    let live = true;
    api.get<T>(path).then((d) => { if (live) { setData(d); setError(null); } }, (e: unknown) => { if (live) setError(e); });
    return () => { live = false; };
  }, [path, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, reload, setData };
}
