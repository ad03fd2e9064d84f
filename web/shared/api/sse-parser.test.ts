import { describe, expect, test } from 'vitest';
import { createSseParser, parseSseData, type SseFrame } from './sse-parser';

const bytes = (text: string) => new TextEncoder().encode(text);

function collect() {
  const frames: SseFrame[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const parser = createSseParser({
    onEvent: (frame) => frames.push(frame),
    onComment: (text) => comments.push(text),
    onRetry: (ms) => retries.push(ms),
  });
  return { frames, comments, retries, push: (text: string) => parser.push(bytes(text)) };
}

describe('createSseParser', () => {
  test('id, event and data of one message', () => {
    const sse = collect();
    sse.push('id: 42\nevent: order.created\ndata: {"order":1}\n\n');
    expect(sse.frames).toEqual([{ id: '42', type: 'order.created', data: '{"order":1}' }]);
  });

  test('a message without event or id is a "message" with a null id', () => {
    const sse = collect();
    sse.push('data: hello\n\n');
    expect(sse.frames).toEqual([{ id: null, type: 'message', data: 'hello' }]);
  });

  test('data lines are joined with newlines', () => {
    const sse = collect();
    sse.push('data: one\ndata: two\ndata:three\n\n');
    expect(sse.frames[0]?.data).toBe('one\ntwo\nthree');
  });

  test('only the first space after the colon is dropped', () => {
    const sse = collect();
    sse.push('data:  indented\n\n');
    expect(sse.frames[0]?.data).toBe(' indented');
  });

  test('comments (heartbeats) are reported apart and are not events', () => {
    const sse = collect();
    sse.push(': ping\n\n');
    expect(sse.comments).toEqual(['ping']);
    expect(sse.frames).toEqual([]);
  });

  test('CRLF line ends read like LF', () => {
    const sse = collect();
    sse.push('id: 7\r\nevent: resync\r\ndata: {}\r\n\r\n');
    expect(sse.frames).toEqual([{ id: '7', type: 'resync', data: '{}' }]);
  });

  test('a message split across chunks anywhere, even inside a CRLF or a character, arrives whole', () => {
    const text = 'id: 9\r\nevent: order.updated\r\ndata: {"name":"김치찌개"}\r\n\r\n';
    const all = bytes(text);
    for (let cut = 1; cut < all.length; cut += 1) {
      const frames: SseFrame[] = [];
      const parser = createSseParser({ onEvent: (frame) => frames.push(frame) });
      parser.push(all.slice(0, cut));
      parser.push(all.slice(cut));
      expect(frames, `cut at byte ${cut}`).toEqual([{ id: '9', type: 'order.updated', data: '{"name":"김치찌개"}' }]);
    }
  });

  test('one chunk may carry several messages, and a message waits for its blank line', () => {
    const sse = collect();
    sse.push('id: 1\ndata: a\n\nid: 2\ndata: b\n\nid: 3\ndata: c\n');
    expect(sse.frames.map((f) => f.id)).toEqual(['1', '2']);
    sse.push('\n');
    expect(sse.frames.map((f) => f.id)).toEqual(['1', '2', '3']);
  });

  test('fields do not leak from one message to the next', () => {
    const sse = collect();
    sse.push('id: 1\nevent: order.created\ndata: a\n\ndata: b\n\n');
    expect(sse.frames[1]).toEqual({ id: null, type: 'message', data: 'b' });
  });

  test('a message with no data is dropped', () => {
    const sse = collect();
    sse.push('id: 5\nevent: order.created\n\n');
    expect(sse.frames).toEqual([]);
  });

  test('retry takes digits only; unknown fields are ignored', () => {
    const sse = collect();
    sse.push('retry: 3000\nretry: soon\nfoo: bar\ndata: x\n\n');
    expect(sse.retries).toEqual([3000]);
    expect(sse.frames).toEqual([{ id: null, type: 'message', data: 'x' }]);
  });
});

describe('parseSseData', () => {
  test('JSON when it is JSON, the text otherwise', () => {
    expect(parseSseData('{"a":1}')).toEqual({ a: 1 });
    expect(parseSseData('plain')).toBe('plain');
  });
});
