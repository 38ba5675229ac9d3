import type { Preview } from '@storybook/react-vite';

type ArgTypesEnhancer = NonNullable<Preview['argTypesEnhancers']>[number];

/** What react-docgen-typescript records about a prop (the parts used here). */
interface DocgenProp {
  required?: boolean;
  /** The JSDoc tags of the prop, such as `defaultValue`. */
  tags?: Record<string, string>;
  /** The interface that declares the prop. */
  parent?: { name: string };
}

/** Whether `(` at the start of `type` is closed by the `)` at its end. */
function wrappedWhole(type: string): boolean {
  if (!type.startsWith('(') || !type.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < type.length - 1; i++) {
    depth += type[i] === '(' ? 1 : type[i] === ')' ? -1 : 0;
    if (depth === 0) return false;
  }
  return true;
}

/** `maxDelayMs?: number | undefined` reads `maxDelayMs?: number`; `(() => X) | undefined` reads `() => X`. */
export function withoutUndefined(type: string): string {
  const bare = type.replace(/\?: ([^;{}]+?) \| undefined;/g, '?: $1;').replace(/ \| undefined$/, '');
  return wrappedWhole(bare) ? bare.slice(1, -1) : bare;
}

/** `TokenSourceOptions` → `Token source options`. */
function words(typeName: string): string {
  const spaced = typeName.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
  return `${spaced.charAt(0).toUpperCase()}${spaced.slice(1)}`;
}

/**
 * Makes the props tables read as the source means them. The package documents defaults with
 * TSDoc's `@defaultValue`, which Storybook does not read: it becomes the Default column.
 * An optional prop's type loses the `| undefined` the compiler adds (the table already
 * marks required props). Props declared by another interface than the component's own
 * props (the token source options) are grouped under that interface's name, in words.
 */
export const readableArgTypes: ArgTypesEnhancer = ({ component, argTypes }) => {
  const docgen = (component as { __docgenInfo?: { displayName?: string; props?: Record<string, DocgenProp> } } | undefined)
    ?.__docgenInfo;
  if (!docgen?.props) return argTypes;
  const ownProps = `${docgen.displayName ?? ''}Props`;
  return Object.fromEntries(
    Object.entries(argTypes).map(([name, argType]) => {
      const prop = docgen.props![name];
      if (!prop) return [name, argType];
      const table = { ...argType.table };
      const documented = prop.tags?.defaultValue;
      if (documented) table.defaultValue = { summary: documented.replace(/`/g, '') };
      if (table.type?.summary && !prop.required) table.type = { ...table.type, summary: withoutUndefined(table.type.summary) };
      if (!table.category && prop.parent && prop.parent.name !== ownProps) table.category = words(prop.parent.name);
      return [name, { ...argType, table }];
    }),
  );
};
