import type { Preview } from '@storybook/react-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { storyBackendHandlers } from '../stories/support/StoryBackend';
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
    // Every story's backend (stories/support/StoryBackend.ts) is answered by one handler.
    msw: { handlers: { storyBackends: storyBackendHandlers } },
    // The code of each story, pasteable into an app, also beside the canvas.
    docs: { codePanel: true },
  },
};

export default preview;
