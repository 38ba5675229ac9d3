import type { Preview } from '@storybook/react-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { loopbackHandlers, storyBackendHandlers } from '../stories/support/StoryBackend';
import { readableArgTypes } from './readableArgTypes';

// Each story names its network in `parameters.msw.handlers`; the loader swaps them in.
const preview: Preview = {
  tags: ['autodocs'],
  loaders: [mswLoader()],
  argTypesEnhancers: [readableArgTypes],
  decorators: [
    (Story) => (
      <div style={{ fontFamily: 'system-ui, sans-serif', lineHeight: 1.4 }}>
        <Story />
      </div>
    ),
  ],
  parameters: {
    layout: 'padded',
    controls: { expanded: true, sort: 'requiredFirst' },
    // Every story's backend (stories/support/StoryBackend.ts) is answered by one handler, and
    // the Dev mode story's calls to loopback are logged by another. Both for every story: the
    // loader replaces the handlers with each story's (on a Docs page, once per story shown),
    // and none may leave out another story's.
    msw: { handlers: { storyBackends: storyBackendHandlers, loopback: loopbackHandlers } },
    // The code of each story, pasteable into an app, also beside the canvas.
    docs: { codePanel: true },
  },
};

export default preview;
