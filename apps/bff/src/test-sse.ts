import { type EventSourceMessage, EventSourceParserStream } from 'eventsource-parser/stream';

export type SseReader = {
  /** The next event named `name` (`message` for unnamed ones); rejects if the stream ends first. */
  next(name: string): Promise<EventSourceMessage>;
  /** Every event until the server ends the stream. */
  rest(): Promise<EventSourceMessage[]>;
  /** The reconnection delay the server asked for (`retry:`), once it has been read. */
  readonly retry: number | undefined;
  close(): Promise<void>;
};

/** Reads a server-sent event stream the way a browser's EventSource parses it. */
export function readSse(response: Response): SseReader {
  let retry: number | undefined;
  const reader = (response.body as ReadableStream<Uint8Array>)
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream({ onRetry: (ms) => (retry = ms) }))
    .getReader();
  return {
    async next(name) {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before a "${name}" event`);
        if ((value.event ?? 'message') === name) return value;
      }
    },
    async rest() {
      const events: EventSourceMessage[] = [];
      for (let read = await reader.read(); !read.done; read = await reader.read()) events.push(read.value);
      return events;
    },
    get retry() {
      return retry;
    },
    close: () => reader.cancel().catch(() => {}),
  };
}
