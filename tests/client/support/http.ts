/** A small fetch wrapper for asserting on raw HTTP answers of a listening API. */
export interface RawResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  json(): any;
}

/**
 * `apiKey`: the credential sent as "Authorization: Bearer"; by default SUBSYNC_API_KEY (the
 * test stack's admin key), null for none. An explicit authorization header wins.
 */
export async function httpRequest(
  baseUrl: string,
  options: { method: string; url: string; payload?: unknown; headers?: Record<string, string>; apiKey?: string | null },
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...options.headers };
  const apiKey = options.apiKey === undefined ? process.env.SUBSYNC_API_KEY : options.apiKey;
  if (apiKey && !Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) headers.authorization = `Bearer ${apiKey}`;
  let body: string | undefined;
  if (typeof options.payload === 'string') body = options.payload;
  else if (options.payload !== undefined) {
    body = JSON.stringify(options.payload);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${baseUrl}${options.url}`, { method: options.method, headers, body });
  const text = await res.text();
  return { statusCode: res.status, headers: Object.fromEntries(res.headers.entries()), body: text, json: () => JSON.parse(text) };
}
