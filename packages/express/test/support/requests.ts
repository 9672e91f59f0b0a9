import type * as Http from 'node:http';
import type { ExpressMajor } from './express-versions';

/** A request the differential test sends to both app variants. */
export interface AppRequest {
  method: string;
  path: string;
  headers?: Http.OutgoingHttpHeaders;
  body?: string;
}

/** Lists every kind of request the test app handles, errors included. */
export function appRequests(major: ExpressMajor): AppRequest[] {
  const requests: AppRequest[] = [
    { method: 'GET', path: '/users/42' },
    { method: 'GET', path: '/users/42/posts/7' },
    { method: 'GET', path: '/api/v1/items/9' },
    { method: 'GET', path: '/health' },
    { method: 'GET', path: '/files/a/b.txt' },
    { method: 'GET', path: '/archive/2024' },
    { method: 'GET', path: '/legacy/old/page' },
    { method: 'GET', path: '/manual' },
    { method: 'GET', path: '/pick/special' },
    { method: 'GET', path: '/pick/3' },
    { method: 'GET', path: '/answered-then-next' },
    { method: 'GET', path: '/bound' },
    { method: 'GET', path: '/admin/panel' },
    { method: 'GET', path: '/nowhere' },
    { method: 'GET', path: '/fail/next' },
    { method: 'GET', path: '/fail/throw' },
    { method: 'GET', path: '/fail/escalate' },
    {
      method: 'POST',
      path: '/login',
      headers: { 'content-type': 'application/json' },
      body: '{"user":"jane","password":"hunter2"}',
    },
    {
      method: 'POST',
      path: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user=jane&password=hunter2',
    },
    {
      method: 'POST',
      path: '/login',
      headers: { 'content-type': 'text/plain' },
      body: 'user jane',
    },
    {
      method: 'POST',
      path: '/login',
      headers: { 'content-type': 'application/json' },
      body: '{"user": "jane", ',
    },
    { method: 'DELETE', path: '/users/42' },
  ];
  if (major === 5) requests.push({ method: 'GET', path: '/fail/async' });
  return requests;
}
