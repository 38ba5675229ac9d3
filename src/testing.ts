export * from './core/index';
export { createFakeTokenService } from './testing/createFakeTokenService';
export type { FakeTokenService, FakeTokenServiceOptions, FakeFault, FakeCall, FakeServer } from './testing/createFakeTokenService';
