import express from 'express';

/** The express app every simulator starts from: JSON bodies up to `jsonLimit`, no framework headers. */
export function simulatorApp(jsonLimit: string): express.Application {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json({ limit: jsonLimit }));
  return app;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
