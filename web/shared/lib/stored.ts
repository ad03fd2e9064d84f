/** A JSON value in localStorage that survives reloads; broken or missing data reads as null. */
export function storedValue<T>(key: string) {
  return {
    get(): T | null {
      try {
        const raw = localStorage.getItem(key);
        return raw ? (JSON.parse(raw) as T) : null;
      } catch {
        return null;
      }
    },
    /** Storage full or unavailable (private mode): the value lives on in memory only, no error. */
    set(value: T | null): void {
      try {
        if (value === null) localStorage.removeItem(key);
        else localStorage.setItem(key, JSON.stringify(value));
      } catch {
        // nothing to do: callers keep their in-memory copy
      }
    },
  };
}
