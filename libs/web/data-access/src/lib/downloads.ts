import type { HttpResponse } from '@angular/common/http';

/** The file name of `Content-Disposition` (RFC 5987 `filename*` first), else `fallback`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed escape: the plain name below.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/**
 * Hands a downloaded file (an export, a report, the rejected rows of an import) to the browser
 * under the name the server gave it, else `fallbackName`; answers that name.
 */
export function saveBlob(response: HttpResponse<Blob>, fallbackName: string, doc: Document = document): string {
  const name = fileNameOf(response.headers.get('Content-Disposition'), fallbackName);
  if (!response.body) return name;
  const url = URL.createObjectURL(response.body);
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  doc.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
