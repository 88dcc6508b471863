/**
 * An object that stands for one created later (in a `beforeAll`): property reads go to `get()`'s value, methods bound
 * to it; reading before it exists throws. Lets a spec name `app`, `bus`, … at describe time.
 */
export function lateBound<T extends object>(get: () => T | undefined): T {
  return new Proxy({} as T, {
    get: (_, key) => {
      const target = get();
      if (target === undefined) throw new Error(`used before beforeAll created it (${String(key)})`);
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
