import type { StorybookConfig } from '@storybook/react-vite';
import react from '@vitejs/plugin-react';

// Works with no network: no telemetry, no "what's new" fetch, the msw worker served locally.
const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', 'msw-storybook-addon'],
  staticDirs: ['../public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // Props tables from the TypeScript types, as the compiler sees them: unions, inherited
  // options and inline object types read as written (react-docgen shows "union").
  typescript: {
    reactDocgen: 'react-docgen-typescript',
    reactDocgenTypescriptOptions: {
      // Storybook's defaults, written out: options given here replace them as a whole.
      shouldExtractLiteralValuesFromEnum: true,
      shouldRemoveUndefinedFromOptional: true,
      propFilter: (prop) => (prop.parent ? !/node_modules/.test(prop.parent.fileName) : true),
      // Components live in src and stories (not *.stories.tsx, the plugin's default exclusion).
      // The plugin's default, every *.tsx, takes in .storybook/preview.tsx, which its file
      // search skips (a dot folder): `npm start` then warned "Skipping docgen for preview.tsx".
      include: ['src/**/*.tsx', 'stories/**/*.tsx'],
    },
  },
  features: {
    // A demo and test bench, not an app: build it as in development, so that the Dev mode
    // story works in the static build (dev mode refuses production builds by design).
    developmentModeForBuild: true,
    // No "Get started" checklist in the sidebar or the menu: this Storybook documents a package.
    sidebarOnboardingChecklist: false,
    menuOnboardingChecklist: false,
  },
  // The framework leaves JSX and Fast Refresh to the app's own Vite config; this repo has none.
  // Storybook's own UI chunks pass Vite's 500 kB warning mark; there is nothing of ours to split.
  viteFinal: (vite) => ({
    ...vite,
    plugins: [react(), ...(vite.plugins ?? [])],
    build: { ...vite.build, chunkSizeWarningLimit: 2000 },
  }),
};

export default config;
