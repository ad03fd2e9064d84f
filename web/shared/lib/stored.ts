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
    set(value: T | null): void {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(value));
    },
  };
}
