/** Reads a `text/event-stream` answer of `chat/stream` into its events. */
export interface SseEvent {
  event: string;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function parseSse(body: string): SseEvent[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      return { event, data: data ? JSON.parse(data) : null };
    });
}

/** POSTs to a stream route with fetch and returns the raw text and the parsed events. */
export async function streamChat(
  url: string,
  token: string,
  body: unknown,
): Promise<{ status: number; events: SseEvent[]; raw: string; contentType: string | null }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const raw = await res.text();
  return { status: res.status, raw, contentType: res.headers.get('content-type'), events: res.ok ? parseSse(raw) : [] };
}
