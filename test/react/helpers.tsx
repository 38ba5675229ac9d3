import { Component, type ReactNode } from 'react';
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { CREATE_PATH } from '../../src/core/constants';
import { createFakeTokenService, type FakeTokenServiceOptions } from '../../src/testing';

export const API_KEY = 'fake-key-for-tests';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  cleanup();
  await Promise.all(open.splice(0).map((server) => server.close()));
});

/** The package's fake upstream on a loopback port, closed after the test. */
export async function startFake(options: FakeTokenServiceOptions = {}) {
  const fake = createFakeTokenService({ apiKey: API_KEY, ...options });
  const server = await fake.listen();
  open.push(server);
  return {
    fake,
    url: server.url,
    /** Options for the fake as an `endpoint` (it speaks the same contract as a backend). */
    endpoint: { endpoint: `${server.url}${CREATE_PATH}`, headers: { authorization: `Bearer ${API_KEY}` } },
    /** Create calls the fake received. */
    creates: () => fake.calls.filter((call) => call.method === 'POST'),
  };
}

/** An error boundary that shows what a render threw, as an alert. */
export class Catch extends Component<{ children: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    return this.state.error ? <p role="alert">{this.state.error.message}</p> : this.props.children;
  }
}
