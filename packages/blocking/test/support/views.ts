import type { RequestView } from '../../src';

/** A frozen headers-stage view of `GET /a` with no query, headers or cookies. */
export const EMPTY_GET_VIEW = Object.freeze({
  protocol: 'http',
  stage: 'headers',
  method: 'GET',
  url: '/a',
  path: '/a',
  query: {},
  headers: {},
  cookies: {},
}) as RequestView;
