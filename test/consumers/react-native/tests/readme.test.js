// docs/react-native.md's example (id=react-native-app), as react-native.consumer.ts copied it into App.tsx:
// rendered as an app would, against the package's fake playing the backend.
import { render, screen } from '@testing-library/react-native';
import { installReactNativeRuntime, startFake } from './support';

installReactNativeRuntime();

test('the docs example joins with a token from the backend', async () => {
  const server = await startFake();
  process.env.EXPO_PUBLIC_ROOM_TOKEN_ENDPOINT = server.source.endpoint;
  // Loaded now: the example reads its endpoint when it loads, as Expo inlines it at build time.
  const Live = require('../App').default;

  await render(<Live roomId="studio-7" userId="ada" session={server.key} />);

  expect(await screen.findByText(/^On air with a token of \d+ characters$/, {}, { timeout: 30_000 })).toBeTruthy();
  expect(server.fake.issued).toHaveLength(1);
  await server.close();
});
