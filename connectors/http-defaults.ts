import http from 'node:http';
import https from 'node:https';

/**
 * What every connector's HTTP client starts from. Platform and billing APIs answer in place, so
 * redirects are not followed: following them puts axios's redirect wrapper on every call (it
 * shows in the bench's CPU profile), and a redirected write is nothing to follow blindly.
 * Keep-alive sockets per client: one platform's dead sockets never affect another's calls.
 */
export function connectorHttpDefaults(): { maxRedirects: number; httpAgent: http.Agent; httpsAgent: https.Agent } {
  return { maxRedirects: 0, httpAgent: new http.Agent({ keepAlive: true }), httpsAgent: new https.Agent({ keepAlive: true }) };
}
