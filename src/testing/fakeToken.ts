const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * A random string shaped like a real room member token: URL-safe base64 characters,
 * several hundred of them. It grants nothing anywhere.
 */
export function fakeToken(length = 342): string {
  const bytes = new Uint8Array(length);
  const { crypto } = globalThis;
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte & 63];
  return out;
}
