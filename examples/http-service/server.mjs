// ES module entry: node --import @tracegate/agent/register server.mjs
import http from 'node:http';
import routes from './routes.cjs';

routes.listen(http);
