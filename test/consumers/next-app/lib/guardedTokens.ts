// Issue 19, item 6: policies that answer with Next's own control flow. `redirect()` and
// `notFound()` thrown inside `authorize` must reach Next unchanged, on the HTTP path (the
// route's POST) and on `mint` (a server component), for Next to answer them.
import { notFound, redirect } from 'next/navigation';
import { createRoomTokenHandler } from 'react-room-token/server';

const upstream = { apiKey: process.env.ROOM_TOKEN_API_KEY, baseUrl: process.env.ROOM_TOKEN_BASE_URL };

/** Nobody is signed in here: every caller is sent to /signin. */
export const signInFirst = createRoomTokenHandler({ ...upstream, authorize: () => redirect('/signin') });

/** No room exists here: every request is Next's 404. */
export const noSuchRoom = createRoomTokenHandler({ ...upstream, authorize: () => notFound() });
