/** The OpenAPI document as committed in openapi.json: generated from a throwaway in-memory app. */
import { createServiceContext } from '../services/context.js';
import { openStore } from '../store/connect.js';
import { buildApp } from './app.js';

export async function openApiDocument(): Promise<string> {
  const store = openStore('sqlite::memory:');
  try {
    const app = await buildApp(
      { cookieSecure: false, trustProxy: false, loginAttemptsPerMinute: 10, webRoot: '/nonexistent', logLevel: 'silent', sbomMaxBytes: 200 * 1024 * 1024 },
      createServiceContext(store),
      { logger: false },
    );
    await app.ready();
    const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
    await app.close();
    return text;
  } finally {
    await store.close();
  }
}
