import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { PermissionCatalogue } from './support/PermissionCatalogue';
import { requestCount } from './support/requestCount';
import catalogueSource from './support/PermissionCatalogue.tsx?raw';

// What "Show code" gives: the story's own component, as an app would import the package, and
// as the default export App that a new Vite app's main.tsx imports.
const CATALOGUE_SNIPPET = catalogueSource
  .replace("from '../../src'", "from 'react-room-token'")
  .replace('export function PermissionCatalogue(', 'export default function App(');

const meta = {
  title: 'Permission catalogue',
  render: () => <PermissionCatalogue />,
  parameters: {
    docs: {
      description: {
        component:
          'Rendered from `PERMISSIONS`. Names are case-sensitive on the wire (note `permissionChatSlowmodeBypass`); a group permission such as `PermissionChat` implies the ones listed under it. `isPermission(value)` tells a known name from anything else, and `expandPermissions(list)` adds the implied ones.',
      },
      source: { language: 'tsx', code: CATALOGUE_SNIPPET },
    },
  },
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

export const Catalogue: Story = {
  parameters: {
    docs: { description: { story: `All twelve permissions, with the group permission that implies each.\n\n**${requestCount(0)}** the catalogue is part of the package (\`PERMISSIONS\`); nothing is fetched.` } },
  },
  play: async ({ canvas }) => {
    const table = canvas.getByRole('table', { name: 'Permission catalogue' });
    const rows = within(table).getAllByRole('row').slice(1);
    await expect(rows).toHaveLength(12);
    const row = (name: string) => rows.find((r) => r.firstElementChild?.textContent === name);
    await expect(row('PermissionChatMute')).toHaveTextContent('PermissionChatMutechatPermissionChat');
    await expect(row('permissionChatSlowmodeBypass')).toHaveTextContent('permissionChatSlowmodeBypasschatPermissionChat');
    await expect(row('PermissionRoom')).toHaveTextContent('PermissionRoomroom—');
  },
};
