import type { RefObject } from 'react';
import { useEffect, useRef } from 'react';

/**
 * A modal's keys: focus starts on `focusRef` (a safe button) once, when it opens, and Escape calls
 * the latest `onEscape`, so a parent that re-renders with a new callback does not move the focus.
 */
export function useDialogKeys(focusRef: RefObject<HTMLElement | null>, onEscape: () => void): void {
  const escape = useRef(onEscape);
  escape.current = onEscape;
  useEffect(() => {
    focusRef.current?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') escape.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focusRef]);
}
