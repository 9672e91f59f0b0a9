import type { Express, NextFunction, Request, Response } from 'express';
import type { ExpressMajor, ExpressModule } from './express-versions';

/** An error class the app's own error handler turns into a 400 response. */
export class ValidationError extends Error {}

/**
 * Builds the test app: body parsers, middleware, nested routers (with and
 * without mount paths, with parameters), regex routes, routes that pass the
 * request on, a middleware that responds, and an error handler. Handlers are
 * named functions so tests can find their code locations.
 */
export function buildApp(express: ExpressModule, major: ExpressMajor): Express {
  const app = express();
  // The default error handler prints stacks in development, and stacks differ
  // under any instrumentation because its wrappers add frames.
  app.set('env', 'production');
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));
  app.use(express.text());
  app.use(function requestLogger(
    _req: Request,
    _res: Response,
    next: NextFunction,
  ) {
    next();
  });

  const users = express.Router();
  users.use(function loadUserContext(
    _req: Request,
    _res: Response,
    next: NextFunction,
  ) {
    next();
  });
  users.get('/:id', function getUser(req: Request, res: Response) {
    res.json({ id: req.params.id });
  });
  const posts = express.Router({ mergeParams: true });
  posts.get('/:postId', function getPost(req: Request, res: Response) {
    res.json(req.params);
  });
  users.use('/:id/posts', posts);
  app.use('/users', users);

  const api = express.Router();
  const v1 = express.Router();
  v1.get('/items/:itemId', function getItem(req: Request, res: Response) {
    res.json({ item: req.params.itemId });
  });
  api.use('/v1', v1);
  app.use('/api', api);

  const open = express.Router();
  open.get('/health', function health(_req: Request, res: Response) {
    res.send('ok');
  });
  app.use(open);

  app.get(/^\/files\/(.+)$/, function getFile(req: Request, res: Response) {
    res.send(`file ${String((req.params as Record<string, string>)[0])}`);
  });
  const archive = express.Router();
  archive.get(/^\/(\d{4})$/, function getYear(req: Request, res: Response) {
    res.send(`year ${String((req.params as Record<string, string>)[0])}`);
  });
  app.use('/archive', archive);

  const legacy = express.Router();
  legacy.get(
    major === 5 ? '/{*rest}' : '*',
    function legacyFallback(_req: Request, res: Response) {
      res.status(410).send('gone');
    },
  );
  app.use('/legacy', legacy);

  app.get(['/docs', '/manual'], function showDocs(req: Request, res: Response) {
    res.send(`docs at ${req.path}`);
  });
  app.get(
    '/pick/:id',
    function pickNumeric(req: Request, res: Response, next: NextFunction) {
      if (Number.isNaN(Number(req.params.id))) {
        next('route');
        return;
      }
      res.send(`number ${String(req.params.id)}`);
    },
  );
  app.get('/pick/special', function pickSpecial(_req: Request, res: Response) {
    res.send('special');
  });
  app.get(
    '/answered-then-next',
    function answerThenNext(_req: Request, res: Response, next: NextFunction) {
      res.send('answered');
      next();
    },
  );

  app.post('/login', function login(req: Request, res: Response) {
    const body = req.body as Record<string, unknown> | string | undefined;
    res.json({
      received: typeof body === 'string' ? body : Object.keys(body ?? {}),
    });
  });

  const greeting = { text: 'hello' };
  app.get(
    '/bound',
    function showBound(this: typeof greeting, _req: Request, res: Response) {
      res.send(this.text);
    }.bind(greeting),
  );

  app.get(
    '/fail/next',
    function failWithNext(_req: Request, _res: Response, next: NextFunction) {
      next(new ValidationError('bad id'));
    },
  );
  app.get('/fail/throw', function failWithThrow() {
    throw new TypeError('broken');
  });
  app.get(
    '/fail/escalate',
    function failAndEscalate(
      _req: Request,
      _res: Response,
      next: NextFunction,
    ) {
      next(new Error('escalate'));
    },
  );
  if (major === 5) {
    // Express 4 does not catch rejected promises: the app would crash.
    app.get('/fail/async', async function failAsync() {
      await Promise.resolve();
      throw new RangeError('late');
    });
  }

  app.use(function afterRoutes(
    _req: Request,
    _res: Response,
    next: NextFunction,
  ) {
    next();
  });
  app.use('/admin', function requireAdmin(_req: Request, res: Response) {
    res.status(401).json({ error: 'unauthorized' });
  });
  app.use(function handleErrors(
    error: Error,
    _req: Request,
    res: Response,
    next: NextFunction,
  ) {
    if (error.message === 'escalate') throw new Error('escalated');
    if (error instanceof ValidationError) {
      res.status(400).json({ error: error.message });
      return;
    }
    next(error);
  });
  app.use(function respondToErrors(
    error: Error & { status?: number },
    _req: Request,
    res: Response,
    // Express recognizes error handlers by their four parameters.
    _next: NextFunction,
  ) {
    res
      .status(error.status ?? 500)
      .type('text/plain')
      .send(`error: ${error.message}`);
  });
  return app;
}
