import { createContext, type Context } from 'react';

// Where every copy of the package (its ESM and CommonJS builds loaded side by side) finds
// the same contexts, as react-redux does: a provider of one copy serves the hooks of another.
const REGISTRY = Symbol.for('react-room-token.contexts');

/**
 * The context named `name`, made once per React copy and shared by every copy of this
 * package through a `Symbol.for`-keyed registry on `globalThis`.
 * @internal
 */
export function sharedContext<T>(name: string): Context<T | null> {
  const global = globalThis as { [REGISTRY]?: Map<unknown, Map<string, Context<unknown>>> };
  const registry = (global[REGISTRY] ??= new Map());
  // Keyed by React's own createContext: two React copies must not share a context.
  let contexts = registry.get(createContext);
  if (!contexts) registry.set(createContext, (contexts = new Map()));
  let context = contexts.get(name) as Context<T | null> | undefined;
  if (!context) {
    context = createContext<T | null>(null);
    context.displayName = name;
    contexts.set(name, context as Context<unknown>);
  }
  return context;
}
