import type { Express } from 'express';
import { createApiRouter, type ApiRouter } from '@homeward/http';
import type { ServiceContext } from '@homeward/runtime';

/** One part of the notification API (deliveries, previews, unsubscribe, feeds, …) registered on the shared router. */
export type RouteModule = (api: ApiRouter, context: ServiceContext) => void;

/** All modules on one router, so that /openapi.json documents every route. */
export function notificationRoutes(modules: readonly RouteModule[]) {
  return (app: Express, context: ServiceContext): void => {
    const api = createApiRouter(app, {
      title: 'Homeward notification API',
      version: '1.0.0',
      description: "Guardians' milestone e-mails: deliveries per case, opt-outs, previews of every template, and the unsubscribe link.",
    });
    for (const register of modules) register(api, context);
  };
}
