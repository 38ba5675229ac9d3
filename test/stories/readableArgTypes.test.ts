import { describe, expect, it } from 'vitest';
import { readableArgTypes, withoutUndefined } from '../../.storybook/readableArgTypes';

type Enhancer = (context: never) => Record<string, { table?: Record<string, unknown> }>;

/** A component as the docgen plugin leaves it: its props, as react-docgen-typescript saw them. */
function documented(props: Record<string, unknown>) {
  return Object.assign(() => null, { __docgenInfo: { displayName: 'Gate', props } });
}

describe('props tables read as the source means them', () => {
  it('puts a @defaultValue tag in the Default column, without backticks', () => {
    const component = documented({ retry: { required: false, tags: { defaultValue: '`{ retries: 3 }`' }, parent: { name: 'GateProps' } } });
    const argTypes = { retry: { name: 'retry', table: { type: { summary: 'false | { retries?: number; } | undefined' } } } };

    const result = (readableArgTypes as unknown as Enhancer)({ component, argTypes } as never);

    expect(result.retry!.table).toEqual({ type: { summary: 'false | { retries?: number; }' }, defaultValue: { summary: '{ retries: 3 }' } });
  });

  it('groups props that another interface declares under that interface, in words', () => {
    const component = documented({
      roomId: { required: true, parent: { name: 'GateProps' } },
      timeoutMs: { required: false, parent: { name: 'TokenSourceOptions' } },
    });
    const argTypes = { roomId: { name: 'roomId', table: {} }, timeoutMs: { name: 'timeoutMs', table: {} } };

    const result = (readableArgTypes as unknown as Enhancer)({ component, argTypes } as never);

    expect(result.roomId!.table!.category).toBeUndefined();
    expect(result.timeoutMs!.table!.category).toBe('Token source options');
  });

  it('leaves the arg types of a component without docgen alone', () => {
    const argTypes = { a: { name: 'a' } };

    expect((readableArgTypes as unknown as Enhancer)({ component: () => null, argTypes } as never)).toBe(argTypes);
  });

  it.each([
    ['{ a?: number | undefined; b?: string; } | undefined', '{ a?: number; b?: string; }'],
    ['((request: R, ctx: { signal: AbortSignal; }) => Promise<string>)', '(request: R, ctx: { signal: AbortSignal; }) => Promise<string>'],
    ['(() => void) | (() => Promise<void>)', '(() => void) | (() => Promise<void>)'],
    ['HeadersInit | (() => HeadersInit)', 'HeadersInit | (() => HeadersInit)'],
  ])('an optional prop of type %s reads %s', (type, readable) => {
    expect(withoutUndefined(type)).toBe(readable);
  });
});
