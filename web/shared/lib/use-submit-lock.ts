import { useCallback, useRef, useState } from 'react';

/**
 * One submission at a time. A mutation's own `isPending` only shows after a render, so a quick
 * double click or a second Enter would send the form twice; this lock closes synchronously.
 * `run` calls `work`, and while the promise it returns is unsettled every other call is ignored.
 */
export function useSubmitLock() {
  const locked = useRef(false);
  const [pending, setPending] = useState(false);
  const run = useCallback((work: () => unknown) => {
    if (locked.current) return;
    const result = work();
    if (!(result instanceof Promise)) return;
    locked.current = true;
    setPending(true);
    const done = () => {
      locked.current = false;
      setPending(false);
    };
    result.then(done, done);
  }, []);
  return { pending, run };
}
