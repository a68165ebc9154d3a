/** A small fetch wrapper for asserting on raw HTTP answers of a listening API. */
export interface RawResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  json(): any;
}

export async function httpRequest(
  baseUrl: string,
  options: { method: string; url: string; payload?: unknown; headers?: Record<string, string> },
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...options.headers };
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
