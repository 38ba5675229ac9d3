// mint() with a policy that calls notFound(): Next answers its 404.
import { headers } from 'next/headers';
import { noSuchRoom } from '../../lib/guardedTokens';

export default async function Page() {
  const token = await noSuchRoom.mint({ roomId: 'closed', userId: 'ada' }, { headers: await headers() });
  return <p id="token">{token.length}</p>;
}
