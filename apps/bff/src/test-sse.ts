import { type EventSourceMessage, EventSourceParserStream } from 'eventsource-parser/stream';

export type SseReader = {
  /** The next event named `name` (`message` for unnamed ones); rejects if the stream ends first. */
  next(name: string): Promise<EventSourceMessage>;
  close(): Promise<void>;
};

/** Reads a server-sent event stream the way a browser's EventSource parses it. */
export function readSse(response: Response): SseReader {
  const reader = (response.body as ReadableStream<Uint8Array>)
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  return {
    async next(name) {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before a "${name}" event`);
        if ((value.event ?? 'message') === name) return value;
      }
    },
    close: () => reader.cancel().catch(() => {}),
  };
}
