import { useEffect, useRef } from 'react';

/** Moves focus to the element once, when it first appears (an opened form's heading), not on every render. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
