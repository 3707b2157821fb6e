/**
 * The Content-Type a static web server would send for a URL, from its path's extension.
 *
 * @example
 * contentTypeFor('https://h/pkg/package.json') // 'application/json'
 * contentTypeFor('https://h/x.mpy')            // 'application/octet-stream'
 */
export function contentTypeFor(url: string): string {
  const path = url.replace(/[?#].*$/, '');
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
  switch (ext) {
    case 'json':
      return 'application/json';
    case 'py':
    case 'txt':
    case 'md':
      return 'text/plain; charset=utf-8';
    case 'html':
    case 'htm':
      return 'text/html; charset=utf-8';
    case 'gz':
    case 'tgz':
      return 'application/gzip';
    default:
      return 'application/octet-stream';
  }
}
