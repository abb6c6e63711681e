/** Why a text is not a web address a reader can open: http(s) only, with a host, no spaces. */
export function urlProblem(value: string): string | null {
  if (/\s/.test(value)) return 'must be a web address without spaces';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a web address such as https://example.org/report';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must start with http:// or https://';
  if (!url.hostname) return 'must name a host, as in https://example.org/report';
  return null;
}
