import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

/** Health and the API's own description. */
export function systemRoutes(options: { isReady: () => boolean }) {
  return (app: FastifyInstance): void => {
    app.get(
      '/healthz',
      {
        schema: {
          summary: 'Health check',
          description: 'Answers 200 once the server is ready, 503 while it starts or shuts down.',
          tags: ['system'],
          security: [],
          response: {
            200: Type.Object({ status: Type.Literal('ok') }),
            503: Type.Object({ status: Type.Literal('unavailable') }),
          },
        },
      },
      (_request, reply) =>
        options.isReady()
          ? reply.send({ status: 'ok' as const })
          : reply.code(503).send({ status: 'unavailable' as const }),
    );

    app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  };
}
