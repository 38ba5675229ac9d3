import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BroadcastJoinGate } from '../../src';
import { startFake } from './helpers';

describe('server rendering', () => {
  it('renders the fallback and makes no request', async () => {
    const { endpoint, fake } = await startFake();
    const html = renderToString(
      <BroadcastJoinGate {...endpoint} roomId="r1" userId="u1">
        <p>joined</p>
      </BroadcastJoinGate>,
    );
    expect(html).toContain('role="status"');
    expect(html).not.toContain('joined');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.calls).toHaveLength(0);
  });
});
