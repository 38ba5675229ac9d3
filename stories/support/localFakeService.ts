/**
 * The fake token service that `npm start` runs for the Dev mode story, and the made-up key
 * it accepts (not a secret: it opens nothing but that local fake).
 */
export const LOCAL_FAKE_PORT = 4010;
export const LOCAL_FAKE_URL = `http://127.0.0.1:${LOCAL_FAKE_PORT}`;
export const LOCAL_FAKE_KEY = 'fake-test-key';
