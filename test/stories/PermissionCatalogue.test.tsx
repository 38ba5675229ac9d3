// @vitest-environment jsdom
import { composeStories } from '@storybook/react-vite';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../src';
import * as stories from '../../stories/PermissionCatalogue.stories';
import { playStory } from './support';

const { Catalogue } = composeStories(stories);

describe('Permission catalogue story', () => {
  it('lists every permission of PERMISSIONS in order, each with its group and what implies it', async () => {
    await playStory(Catalogue);

    const rows = within(screen.getByRole('table', { name: 'Permission catalogue' })).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.children].map((cell) => cell.textContent))).toEqual(
      PERMISSIONS.map((p) => [p.name, p.group, p.impliedBy ?? '—']),
    );
  });
});
