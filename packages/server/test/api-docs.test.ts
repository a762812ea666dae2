import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestServer, type TestServer } from './helpers.js';

describe('API documentation', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('serves an OpenAPI document that describes every endpoint', async () => {
    const { status, body } = await request(`${server.url}/openapi.json`);
    expect(status).toBe(200);
    const document = body as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toMatch(/^3\./);

    const operations = Object.entries(document.paths).flatMap(([route, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${route}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /room',
        'POST /room/join',
        'GET /room/{uuid}/roomtoken',
        'GET /room',
        'GET /room/id',
        'POST /banRoom',
        'POST /v5/rooms',
        'GET /v5/rooms',
        'GET /v5/rooms/{uuid}',
        'PATCH /v5/rooms/{uuid}',
        'POST /v5/tokens/teams',
        'POST /v5/tokens/rooms/{uuid}',
        'POST /v5/tokens/tasks/{uuid}',
        'GET /healthz',
      ]),
    );
  });

  it('documents request schemas from the same definitions the server validates with', async () => {
    const { body } = await request(`${server.url}/openapi.json`);
    const paths = (body as { paths: Record<string, Record<string, Record<string, unknown>>> })
      .paths;
    const create = JSON.stringify(paths['/v5/rooms']?.post);
    expect(create).toContain('"maxLength":2048');
    expect(create).toContain('isRecord');
  });

  it('serves a readable interactive page at /docs from its own assets', async () => {
    const page = await fetch(`${server.url}/docs`, { redirect: 'follow' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui');
    expect(html).not.toMatch(/src="https?:\/\//);
  });

  it('answers /healthz with 200 once ready', async () => {
    const { status, body } = await request(`${server.url}/healthz`);
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok' });
  });
});
