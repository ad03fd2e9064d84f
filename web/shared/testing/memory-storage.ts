/**
 * A localStorage for unit tests in node, which has none: the real interface over a Map. With
 * `full` set, every write throws as a full (or disabled, private-mode) storage does.
 */
export class MemoryStorage implements Storage {
  full = false;
  readonly #items = new Map<string, string>();

  get length(): number {
    return this.#items.size;
  }

  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.#items.set(key, String(value));
  }

  removeItem(key: string): void {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.#items.delete(key);
  }

  clear(): void {
    this.#items.clear();
  }

  /** The stored JSON value under `key`, parsed (undefined when there is none). */
  json(key: string): unknown {
    const raw = this.#items.get(key);
    return raw === undefined ? undefined : JSON.parse(raw);
  }
}

/** A stand-in for `window` in node: only its events, enough for `storage` and `online` listeners. */
export function fakeWindow(): EventTarget {
  return new EventTarget();
}

/** The `storage` event another tab's write fires in this one. */
export function storageEvent(key: string): Event {
  return Object.assign(new Event('storage'), { key });
}
