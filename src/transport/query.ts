import type { Params } from './types.js';

/**
 * `a=1&b=%E4%B8%AD`: every value UTF-8 percent-encoded (docs/800ing-api.md §1). encodeURIComponent, not
 * URLSearchParams, so a space is `%20` (the vendor server's decoder is not known to read `+`).
 */
export function encodeParams(params: Params): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return parts.join('&');
}

export function withQuery(url: string, params: Params): string {
  const query = encodeParams(params);
  if (!query) return url;
  return url + (url.includes('?') ? '&' : '?') + query;
}
